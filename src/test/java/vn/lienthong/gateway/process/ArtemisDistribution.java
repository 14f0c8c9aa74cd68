package vn.lienthong.gateway.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone ActiveMQ Artemis distribution ({@code org.apache.activemq:apache-artemis:bin}, unpacked into
 * {@code target/artemis/} by the build), as an agency runs it: an instance made by {@code artemis create}, with
 * one CORE acceptor on 127.0.0.1 (other services of the machine hold the AMQP and MQTT ports) and the settings
 * {@code docs/production.md} tells operators to put in {@code broker.xml}, read from that page itself, so the
 * page is what the test runs.
 */
public final class ArtemisDistribution implements AutoCloseable {

    private static final Path HOME_PARENT = Path.of("target", "artemis");

    private final Path instance;
    private final int port;
    private final Path log;
    private Process process;

    public ArtemisDistribution(Path instance, int port) throws IOException, InterruptedException {
        this.instance = instance;
        this.port = port;
        this.log = Path.of("target", "gateway-process", "artemis-" + port + ".log");
        Files.createDirectories(log.getParent());
        Path home = home();
        run(List.of("sh", home.resolve("bin/artemis").toString(), "create", instance.toString(), "--silent", "--force",
                "--no-autotune", "--no-web", "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor",
                "--no-hornetq-acceptor", "--nio", "--host", "127.0.0.1", "--default-port", Integer.toString(port),
                "--user", "gateway", "--password", "gateway-test", "--allow-anonymous"));
        configure(instance.resolve("etc/broker.xml"));
    }

    /** The unpacked distribution. */
    static Path home() throws IOException {
        try (var dirs = Files.list(HOME_PARENT)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("apache-artemis-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Artemis distribution under " + HOME_PARENT
                            + ": run the build's pre-integration-test phase (maven-dependency-plugin unpack)"))
                    .toAbsolutePath();
        }
    }

    /** The URL the gateway connects with. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts the broker ({@code artemis run}) and waits until it accepts connections. */
    public void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sh", instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_ARGS", "-Xms64m -Xmx384m -XX:+UseG1GC");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
        Processes.awaitListening(process, port, log, "Artemis", Duration.ofSeconds(90));
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** One CORE acceptor, and the gateway's settings from docs/production.md. */
    private static void configure(Path brokerXml) throws IOException {
        String xml = Files.readString(brokerXml);
        xml = xml.replaceAll("protocols=[A-Z,]+", "protocols=CORE");
        String snippet = productionSnippet();
        String sync = String.join("\n", grep(snippet, "<journal-sync-[a-z-]+>[^<]*</journal-sync-[a-z-]+>"));
        String addresses = inner(snippet, "addresses");
        String settings = inner(snippet, "address-settings");
        xml = xml.replaceAll("<journal-sync-[a-z-]+>[^<]*</journal-sync-[a-z-]+>\\s*", "");
        xml = xml.replaceFirst("(<journal-type>[A-Z]+</journal-type>)", "$1\n" + Matcher.quoteReplacement(sync));
        xml = xml.replaceFirst("<addresses>", "<addresses>\n" + Matcher.quoteReplacement(addresses));
        xml = xml.replaceFirst("<address-settings>", "<address-settings>\n" + Matcher.quoteReplacement(settings));
        Files.writeString(brokerXml, xml, StandardCharsets.UTF_8);
    }

    /** The broker.xml snippet under "## The broker" in docs/production.md. */
    static String productionSnippet() throws IOException {
        String page = Files.readString(Path.of("docs", "production.md"));
        Matcher m = Pattern.compile("## The broker.*?```xml\\n(.*?)```", Pattern.DOTALL).matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("docs/production.md has no broker.xml snippet under '## The broker'");
        }
        return m.group(1);
    }

    private static List<String> grep(String text, String regex) {
        return Pattern.compile(regex).matcher(text).results().map(r -> r.group()).toList();
    }

    private static String inner(String text, String element) {
        Matcher m = Pattern.compile("<" + element + ">(.*?)</" + element + ">", Pattern.DOTALL).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("docs/production.md's snippet has no <" + element + ">");
        }
        return m.group(1);
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = builder.start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }
}
