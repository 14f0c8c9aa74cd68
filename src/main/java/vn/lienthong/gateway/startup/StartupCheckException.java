package vn.lienthong.gateway.startup;

import java.util.List;

/** Start-up refused: the configuration has problems (or, outside the demo, demo secrets); lists every one. */
public class StartupCheckException extends RuntimeException {

    private final List<String> problems;

    /**
     * @param productionProfiles the active profiles when the gateway runs as production; empty in the demo
     * @param problems           one line per problem, {@code file:line: problem} where a file is at fault
     */
    public StartupCheckException(List<String> productionProfiles, List<String> problems) {
        super((productionProfiles.isEmpty() ? "" : "The gateway runs as production (profiles " + productionProfiles
                + "; only the demo profile allows demo secrets). ") + "The configuration has " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + ":\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem. */
    public List<String> problems() {
        return problems;
    }
}
