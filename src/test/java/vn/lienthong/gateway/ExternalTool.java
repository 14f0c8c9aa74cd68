package vn.lienthong.gateway;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Runs an independent command-line tool (xmlsec1, pdfsig, promtool, chromium) with a time limit and keeps everything it printed for assertions and failure messages. */
public final class ExternalTool {

    private ExternalTool() {
    }

    /**
     * Makes sure the tool is on the PATH. Where it is not: in CI ({@code CI=true}) the test fails with the install
     * command, because the interoperability claim must not pass unchecked; on a developer's machine the test is
     * skipped with that reason, so the README's test command passes on a machine with only a JDK.
     */
    public static void require(String tool, String debianPackage) {
        String path = System.getenv("PATH") == null ? "" : System.getenv("PATH");
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return;
            }
        }
        String reason = tool + " is not installed, so this interoperability check cannot run; install it with "
                + "'apt-get install -y " + debianPackage + "' (.ci/run does this)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(reason + "; CI=true requires it");
        }
        Assumptions.abort(reason);
    }

    public static Result run(Path workingDirectory, String... command) {
        try {
            // Output goes to a file, so a chatty tool can never block on a full pipe while we wait; a temporary one,
            // never in the working directory, which may be part of the repository (docs/ops).
            Path outputFile = Files.createTempFile("tool-output", ".txt");
            Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(outputFile.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 30 s; output so far:\n"
                        + Files.readString(outputFile, StandardCharsets.UTF_8));
            }
            String output = Files.readString(outputFile, StandardCharsets.UTF_8);
            Files.deleteIfExists(outputFile);
            return new Result(List.of(command), process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command[0], e);
        }
    }

    /** Exit code and combined stdout/stderr of one run; toString is the failure message. */
    public record Result(List<String> command, int exitCode, String output) {
        @Override
        public String toString() {
            return "$ " + String.join(" ", new ArrayList<>(command)) + "\nexit code " + exitCode + "\n" + output;
        }
    }
}
