package vn.lienthong.gateway.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An external Artemis broker ({@link StandaloneBroker}) as its own JVM with a persistent journal, so a test
 * can kill it with SIGKILL and start it again on the same journal and port.
 */
public final class BrokerProcess implements AutoCloseable {

    private final Path data;
    private final int port;
    private final Path logs = Path.of("target", "gateway-process");
    private Process process;

    public BrokerProcess(Path data, int port) throws IOException {
        this.data = data;
        this.port = port;
        Files.createDirectories(data);
        Files.createDirectories(logs);
    }

    /** The URL the gateway connects with. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts the broker and waits until it accepts connections. */
    public void start(String run) throws IOException {
        Path log = logs.resolve("broker-" + run + ".log");
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), StandaloneBroker.class.getName(),
                data.toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Processes.awaitListening(process, port, log, "the broker", Duration.ofSeconds(60));
    }

    /** The processor time the broker's JVM has used so far (user and system). */
    public Duration cpu() {
        return process.info().totalCpuDuration().orElseThrow();
    }

    /** SIGKILL; returns the exit code. */
    public int killNine() throws Exception {
        return Processes.killNine(process, "broker");
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
