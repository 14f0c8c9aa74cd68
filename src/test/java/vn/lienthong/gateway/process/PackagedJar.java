package vn.lienthong.gateway.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/lienthong-gateway.jar …} started from the project folder as a user starts it, with its
 * output kept in a log file under {@code target/gateway-process/} for assertions and for failure messages.
 */
public final class PackagedJar implements AutoCloseable {

    /** The jar the package phase builds. */
    public static final Path JAR = Path.of("target", "lienthong-gateway.jar");

    private final Process process;
    private final Path log;

    private PackagedJar(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the jar.
     *
     * @param javaHome    the JDK to run it on
     * @param jvmOptions  options before {@code -jar}
     * @param arguments   the application's arguments
     * @param environment variables added to this JVM's environment
     * @param name        names the log file
     */
    public static PackagedJar start(Path javaHome, List<String> jvmOptions, List<String> arguments,
                                    Map<String, String> environment, String name) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the package phase first");
        }
        Path logs = Path.of("target", "gateway-process");
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new PackagedJar(builder.start(), log);
    }

    /** Waits until {@code /actuator/health} on {@code port} answers 200; fails with the log if the JVM exits first. */
    public void awaitHealthy(int port, Duration atMost) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the gateway exited with " + process.exitValue() + ":\n" + output());
                }
                try {
                    return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException | AssertionError e) {
            System.out.println(output());
            throw e;
        }
    }

    /** Waits for the JVM to end by itself and returns its exit code. */
    public int awaitExit(Duration atMost) throws InterruptedException, IOException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the gateway was expected to stop by itself within " + atMost + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Everything the JVM printed so far. */
    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
