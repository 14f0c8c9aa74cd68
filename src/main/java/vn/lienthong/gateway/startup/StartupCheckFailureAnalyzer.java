package vn.lienthong.gateway.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the start-up check's problems as the reason start-up failed, with what to do and without a stack trace. */
public class StartupCheckFailureAnalyzer extends AbstractFailureAnalyzer<StartupCheckException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupCheckException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct each line above and start again. The README ('Connecting a system is configuration') shows"
                        + " every key of the system and procedure files; docs/production.md lists the secrets a"
                        + " production gateway takes from its environment.", cause);
    }
}
