package vn.lienthong.gateway.process;

import java.util.concurrent.TimeUnit;

/** What the crash tests do to the JVMs they start. */
final class Processes {

    private Processes() {
    }

    /** SIGKILL, as a power cut or the OOM killer would; waits for the end and returns the exit code. */
    static int killNine(Process process, String what) throws Exception {
        new ProcessBuilder("kill", "-9", String.valueOf(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the " + what + " survived kill -9");
        }
        return process.exitValue();
    }
}
