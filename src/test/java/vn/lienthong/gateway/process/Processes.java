package vn.lienthong.gateway.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /** Waits until something listens on {@code port} of 127.0.0.1; fails with the log if the process ends first. */
    static void awaitListening(Process process, int port, Path log, String what, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError(what + " exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }
}
