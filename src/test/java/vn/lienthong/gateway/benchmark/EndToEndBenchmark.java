package vn.lienthong.gateway.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.TestDatabase;
import vn.lienthong.gateway.process.BrokerProcess;
import vn.lienthong.gateway.process.DepartmentStub;
import vn.lienthong.gateway.process.GatewayProcess;
import vn.lienthong.gateway.process.LargePackageAxis;
import vn.lienthong.gateway.process.SoapDepartmentStub;

/**
 * The benchmark of issue 14 ({@code ./mvnw -B -Pbench verify [-Dbench.seconds=N]}), in one run:
 * <ol>
 *   <li>the packaged gateway as production runs it (prod profile: an external persistent Artemis in its own
 *       JVM, PostgreSQL, the tracking store, API keys) with a SOAP target reached through the XSLT mapping and
 *       a REST target, both answering at once; 10 KB dossiers routed to both;</li>
 *   <li><b>end to end</b>: as many dossiers as the gateway takes for N seconds, and the rate at which they
 *       reach both targets (first submission to last arrival);</li>
 *   <li><b>accept latency</b> at a fixed 500 dossiers/s for N seconds (open loop: measured from the time
 *       each request was due, so a stall is not hidden);</li>
 *   <li><b>the limit</b>: the same 10 KB messages through two persistent hops of the same broker with no
 *       gateway logic (JMS producers, transacted movers, transacted consumers), with the gateway stopped;</li>
 *   <li><b>heap peak</b>: a fresh gateway (same settings) receives one edXML package with a 100 MB attachment
 *       from the national axis and hands it to the document office; the peak is read from its GC log.</li>
 * </ol>
 * The last line printed is {@code BENCH end-to-end=<n>/s accept-p99=<ms> limit=<n>/s ratio=<r> heap-peak=<MiB>};
 * everything is also written to {@code target/bench-figures.txt}. Not part of the normal test run.
 */
class EndToEndBenchmark {

    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int RATE = Integer.getInteger("bench.rate", 500);
    private static final int IN_FLIGHT = Integer.getInteger("bench.clients", 64);
    private static final int ATTACHMENT_MB = Integer.getInteger("bench.attachment-mb", 100);
    /** Gateway nodes sharing the broker and the database; the client spreads its requests over them in turn. */
    private static final int NODES = Integer.getInteger("bench.nodes", 1);
    private static final String PROCEDURE = "9.000002";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private final List<String> report = new ArrayList<>();

    @Test
    void bench() throws Exception {
        line("BENCH run: " + SECONDS + " s per phase, " + Runtime.getRuntime().availableProcessors() + " cores, "
                + NODES + " gateway node(s) on "
                + System.getProperty("bench.java-home", "Java " + System.getProperty("java.version")) + ", arguments: "
                + System.getProperty("bench.gateway-args", "none"));
        String schema = "gw_bench_" + ProcessHandle.current().pid();
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        String dbUrl = TestDatabase.url() + "?currentSchema=" + schema;
        double endToEnd;
        double acceptP99;
        double limit;
        long heapPeak;
        try (BrokerProcess broker = new BrokerProcess(work.resolve("broker"), GatewayProcess.freePort())) {
            broker.start("bench");
            int restPort = GatewayProcess.freePort();
            int soapPort = GatewayProcess.freePort();
            List<GatewayProcess> nodes = new ArrayList<>();
            try (DepartmentStub rest = new DepartmentStub(restPort, Duration.ZERO);
                 SoapDepartmentStub soap = new SoapDepartmentStub(soapPort);
                 GatewayProcess gateway = throughputGateway(work.resolve("gw"), broker, dbUrl, restPort, soapPort)) {
                gateway.start("bench");
                nodes.add(gateway);
                for (int i = 2; i <= NODES; i++) {
                    GatewayProcess node = throughputGateway(work.resolve("gw" + i), broker, dbUrl, restPort, soapPort);
                    nodes.add(node);
                    node.start("bench-" + i);
                }
                Client client = new Client(nodes);
                String template = template();
                Set<String> warm = client.closedLoop(template, "W", Math.max(5, SECONDS / 3));
                awaitDelivered(warm, rest, soap);
                line("warm-up: " + warm.size() + " dossiers delivered to both targets");

                Cpu before = Cpu.of(nodes, broker);
                long start = System.nanoTime();
                Set<String> accepted = client.closedLoop(template, "E", SECONDS);
                long intakeEnd = System.nanoTime();
                long last = awaitDelivered(accepted, rest, soap);
                Cpu used = Cpu.of(nodes, broker).minus(before);
                endToEnd = accepted.size() / seconds(last - start);
                line(String.format("end to end: %d dossiers taken in %.1f s (%.0f/s at intake, %d in flight), "
                                + "all delivered to both targets after %.1f s: %.0f dossiers/s end to end",
                        accepted.size(), seconds(intakeEnd - start), accepted.size() / seconds(intakeEnd - start),
                        IN_FLIGHT, seconds(last - start), endToEnd));
                line(String.format("processor time per dossier in that phase: gateway %.1f ms, broker %.1f ms, client"
                                + " and targets %.1f ms (%.0f %% of %d cores busy for these three)",
                        used.gatewayMillis / accepted.size(), used.brokerMillis / accepted.size(),
                        used.benchMillis / accepted.size(),
                        100 * (used.gatewayMillis + used.brokerMillis + used.benchMillis)
                                / (seconds(last - start) * 1000 * Runtime.getRuntime().availableProcessors()),
                        Runtime.getRuntime().availableProcessors()));

                FixedRate fixed = client.fixedRate(template, "R", RATE, SECONDS);
                awaitDelivered(fixed.accepted, rest, soap);
                acceptP99 = fixed.percentile(0.99);
                line(String.format("accept latency at %d/s for %d s: %d sent, %d accepted, %d refused or failed; "
                                + "p50 %.1f ms, p99 %.1f ms, max %.1f ms", RATE, SECONDS, fixed.sent,
                        fixed.accepted.size(), fixed.failed.get(), fixed.percentile(0.50), acceptP99,
                        fixed.percentile(1.0)));
                line("duplicates delivered: REST " + rest.duplicates() + ", SOAP "
                        + (soap.requests.get() - soap.firstArrivalNanos.size()));
                for (GatewayProcess node : nodes) {
                    node.stopGracefully(Duration.ofSeconds(60)); // a flight recording, if asked for, is written now
                }
            } finally {
                nodes.stream().skip(1).forEach(GatewayProcess::close);
            }
            limit = new BrokerLimit(broker.url()).measure(SECONDS);
            line(String.format("limit: %.0f messages/s through two persistent hops of the same broker (10 KB, "
                    + "no gateway logic)", limit));
        }
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        try (BrokerProcess broker = new BrokerProcess(work.resolve("broker-2"), GatewayProcess.freePort())) {
            broker.start("bench-large");
            heapPeak = largePackage(broker, dbUrl);
        }
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        line(String.format("BENCH end-to-end=%.0f/s accept-p99=%.1f limit=%.0f/s ratio=%.3f heap-peak=%d",
                endToEnd, acceptP99, limit, endToEnd / limit, heapPeak));
    }

    // --- the gateway under test --------------------------------------------------------------------------

    private static GatewayProcess throughputGateway(Path dir, BrokerProcess broker, String dbUrl, int restPort,
                                                    int soapPort) throws IOException {
        GatewayProcess gateway = new GatewayProcess(dir, restPort,
                "{ maxAttempts: 5, initialDelay: 500ms, multiplier: 2, maxDelay: 5s, timeout: 10s }")
                .production(broker.url(), dbUrl, TestDatabase.user());
        gateway.withConfigFile("mappings/izb-investment.xsl",
                Files.readString(Path.of("config", "mappings", "izb-investment.xsl")));
        gateway.withConfigFile("systems/soap-department.yml", """
                id: soap-department
                name: A legacy SOAP department (bench)
                kind: department
                protocol: soap
                endpoint: %s
                apiKey: bench-soap-department-key-0001
                mapping: izb-investment.xsl
                soap:
                  wsdl: schemas/wsdl/izb-investment.wsdl
                  service: "{urn:izb:investment:dossier:1}InvestmentDossierService"
                  port: "{urn:izb:investment:dossier:1}InvestmentDossierPort"
                  operation: TiepNhanHoSo
                delivery: { maxAttempts: 5, initialDelay: 500ms, multiplier: 2, maxDelay: 5s, timeout: 10s }
                """.formatted(SoapDepartmentStub.endpoint(soapPort)));
        gateway.withConfigFile("procedures/" + PROCEDURE + ".yml", """
                code: "%s"
                name: Benchmark procedure (a SOAP and a REST department in parallel)
                processingDays: 3
                steps:
                  - system: soap-department
                  - system: stub-department
                """.formatted(PROCEDURE));
        String arguments = System.getProperty("bench.gateway-args", "").trim();
        if (!arguments.isEmpty()) {
            gateway.withArguments(arguments.split(" +"));
        }
        String javaHome = System.getProperty("bench.java-home", "").trim();
        if (!javaHome.isEmpty()) {
            gateway.onJdk(Path.of(javaHome));
        }
        return gateway.withJvmOptions(System.getProperty("bench.jvm-options", "-XX:+UseG1GC").split(" "));
    }

    /** Processor time used so far by the gateway nodes, the broker and this JVM (the client and the targets). */
    private record Cpu(double gatewayMillis, double brokerMillis, double benchMillis) {

        static Cpu of(List<GatewayProcess> nodes, BrokerProcess broker) {
            double gateway = nodes.stream().mapToDouble(n -> n.cpu().toNanos() / 1e6).sum();
            double bench = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1e6;
            return new Cpu(gateway, broker.cpu().toNanos() / 1e6, bench);
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(gatewayMillis - earlier.gatewayMillis, brokerMillis - earlier.brokerMillis,
                    benchMillis - earlier.benchMillis);
        }
    }

    /** A 10 KB dossier: the README's sample with a 6.9 KB document, its SHA-256 declared. */
    private static String template() throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(Files.readString(
                Path.of("src/test/resources/samples/dossiers/business-single.json")));
        byte[] content = new byte[6900];
        new Random(14).nextBytes(content);
        ObjectNode document = (ObjectNode) d.withArray("documents").get(0);
        document.put("name", "ban-ve-mat-bang.pdf").put("contentType", "application/octet-stream")
                .put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)))
                .put("content", Base64.getEncoder().encodeToString(content));
        d.put("procedureCode", PROCEDURE);
        d.remove("procedureName");
        return d.toString();
    }

    private static String dossier(String template, String code) {
        return template.replace("\"H19.22-261121-0042\"", "\"" + code + "\"");
    }

    /** Waits until every dossier has reached both targets; returns the last arrival (System.nanoTime). */
    private static long awaitDelivered(Set<String> codes, DepartmentStub rest, SoapDepartmentStub soap) {
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                rest.firstArrivalNanos.keySet().containsAll(codes) && soap.firstArrivalNanos.keySet().containsAll(codes));
        return codes.stream().mapToLong(c -> Math.max(rest.firstArrivalNanos.get(c), soap.firstArrivalNanos.get(c)))
                .max().orElseThrow();
    }

    /** The one-stop software: submits over HTTP with at most {@link #IN_FLIGHT} requests waiting. */
    private static final class Client {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(4)).build();
        private final List<GatewayProcess> nodes;
        private final AtomicInteger next = new AtomicInteger();

        Client(List<GatewayProcess> nodes) {
            this.nodes = nodes;
        }

        /** Submits to the nodes in turn, as a round-robin load balancer would. */
        CompletableFuture<HttpResponse<String>> submit(String body) {
            GatewayProcess gateway = nodes.get(Math.floorMod(next.getAndIncrement(), nodes.size()));
            return http.sendAsync(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/dossiers"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json").header("X-Api-Key", GatewayProcess.ONE_STOP_KEY)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Submits as fast as the gateway answers for {@code seconds}; returns the accepted codes. */
        Set<String> closedLoop(String template, String prefix, int seconds) throws Exception {
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            Semaphore slots = new Semaphore(IN_FLIGHT);
            AtomicInteger refused = new AtomicInteger();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (int n = 0; System.nanoTime() < end; n++) {
                slots.acquire();
                String code = "BENCH-" + prefix + "-" + n;
                submit(dossier(template, code)).whenComplete((r, e) -> {
                    if (e == null && r.statusCode() == 202) {
                        accepted.add(code);
                    } else if (refused.incrementAndGet() <= 3) {
                        System.out.println("refused: " + (e != null ? e : r.statusCode() + " " + r.body()));
                    }
                    slots.release();
                });
            }
            slots.acquire(IN_FLIGHT);
            assertThat(refused.get()).as("dossiers refused under load").isZero();
            return accepted;
        }

        /** Sends {@code rate} dossiers a second for {@code seconds}, each latency counted from when it was due. */
        FixedRate fixedRate(String template, String prefix, int rate, int seconds) throws Exception {
            FixedRate result = new FixedRate(rate * seconds);
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            List<CompletableFuture<?>> pending = new ArrayList<>();
            for (int i = 0; i < result.latencies.length; i++) {
                long due = start + i * interval;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                int n = i;
                String code = "BENCH-" + prefix + "-" + n;
                pending.add(submit(dossier(template, code)).whenComplete((r, e) -> {
                    result.latencies[n] = System.nanoTime() - due;
                    if (e == null && r.statusCode() == 202) {
                        result.accepted.add(code);
                    } else {
                        result.failed.incrementAndGet();
                    }
                }));
                result.sent++;
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).handle((v, e) -> null)
                    .get(10, TimeUnit.MINUTES);
            return result;
        }
    }

    private static final class FixedRate {
        final long[] latencies;
        final Set<String> accepted = ConcurrentHashMap.newKeySet();
        final AtomicInteger failed = new AtomicInteger();
        int sent;

        FixedRate(int count) {
            latencies = new long[count];
        }

        double percentile(double p) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))] / 1e6;
        }
    }

    // --- the broker's own limit ---------------------------------------------------------------------------

    /** 10 KB persistent messages: producers → hop 1 → transacted movers → hop 2 → transacted consumers. */
    private static final class BrokerLimit {
        private final ActiveMQConnectionFactory factory;

        BrokerLimit(String url) {
            factory = new ActiveMQConnectionFactory(url);
        }

        double measure(int seconds) throws Exception {
            byte[] body = new byte[10 * 1024];
            new Random(14).nextBytes(body);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong consumed = new AtomicLong();
            ExecutorService threads = Executors.newCachedThreadPool();
            List<jakarta.jms.Connection> connections = new ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) {
                    jakarta.jms.Connection c = open(connections);
                    threads.submit(() -> produce(c, body, running));
                }
                for (int i = 0; i < 8; i++) {
                    jakarta.jms.Connection mover = open(connections);
                    threads.submit(() -> move(mover, "bench.hop1", "bench.hop2", running, null));
                    jakarta.jms.Connection consumer = open(connections);
                    threads.submit(() -> move(consumer, "bench.hop2", null, running, consumed));
                }
                TimeUnit.SECONDS.sleep(Math.max(3, seconds / 5)); // warm-up of the broker, not a wait for a result
                long c0 = consumed.get();
                long t0 = System.nanoTime();
                TimeUnit.SECONDS.sleep(seconds); // the measuring window
                long c1 = consumed.get();
                long t1 = System.nanoTime();
                return (c1 - c0) / seconds(t1 - t0);
            } finally {
                running.set(false);
                threads.shutdown();
                threads.awaitTermination(30, TimeUnit.SECONDS);
                for (jakarta.jms.Connection c : connections) {
                    c.close();
                }
            }
        }

        private jakarta.jms.Connection open(List<jakarta.jms.Connection> connections) throws Exception {
            jakarta.jms.Connection c = factory.createConnection();
            c.start();
            connections.add(c);
            return c;
        }

        private Void produce(jakarta.jms.Connection connection, byte[] body, AtomicBoolean running) throws Exception {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("bench.hop1"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            while (running.get()) {
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(body);
                producer.send(m); // blocks until the broker has it durably, as the gateway's 202 does
            }
            return null;
        }

        private Void move(jakarta.jms.Connection connection, String from, String to, AtomicBoolean running,
                          AtomicLong counted) throws Exception {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue source = session.createQueue(from);
            MessageConsumer consumer = session.createConsumer(source);
            MessageProducer producer = to == null ? null : session.createProducer(session.createQueue(to));
            if (producer != null) {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            }
            while (running.get()) {
                Message m = consumer.receive(200);
                if (m == null) {
                    continue;
                }
                if (producer != null) {
                    BytesMessage copy = session.createBytesMessage();
                    byte[] bytes = new byte[(int) ((BytesMessage) m).getBodyLength()];
                    ((BytesMessage) m).readBytes(bytes);
                    copy.writeBytes(bytes);
                    producer.send(copy);
                }
                session.commit();
                if (counted != null) {
                    counted.incrementAndGet();
                }
            }
            return null;
        }
    }

    // --- one large package from the axis to the document office ----------------------------------------

    private long largePackage(BrokerProcess broker, String dbUrl) throws Exception {
        Path dir = work.resolve("large");
        Files.createDirectories(dir);
        // The sender's key from a CA the gateway trusts: the package is signed as the gateway signs (signature
        // last), so the streaming check reads the whole package through the signature engine.
        LargePackageAxis.Sender sender = LargePackageAxis.Sender.create(dir, "Benchmark Sender");
        Path edxml = dir.resolve("large.edxml");
        long bytes = LargePackageAxis.write(edxml, ATTACHMENT_MB, sender.key());
        String password = "bench-" + Long.toHexString(System.nanoTime());
        Path keyStore = dir.resolve("agency.p12");
        keytool("-genkeypair", "-alias", "agency-signing", "-keyalg", "RSA", "-keysize", "2048", "-dname",
                "CN=Benchmark Agency,O=Lien thong Gateway,C=VN", "-validity", "30", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password);
        Path gcLog = dir.resolve("gc.log");
        int officePort = GatewayProcess.freePort();
        int axisPort = GatewayProcess.freePort();
        try (LargePackageAxis stubs = new LargePackageAxis(axisPort, officePort, edxml);
             GatewayProcess gateway = new GatewayProcess(dir, officePort,
                     "{ maxAttempts: 5, initialDelay: 500ms, multiplier: 2, maxDelay: 5s, timeout: 10s }")
                     .production(broker.url(), dbUrl, TestDatabase.user())) {
            gateway.withConfigFile("systems/national-axis.yml", LargePackageAxis.axisSystem(axisPort))
                    .withConfigFile("systems/doc-office.yml", LargePackageAxis.officeSystem(officePort))
                    .withAxis()
                    .withEnvironment("NATIONAL_AXIS_SYSTEM_ID", "bench-gateway")
                    .withEnvironment("NATIONAL_AXIS_SECRET", "bench-axis-secret-" + password)
                    .withEnvironment("GATEWAY_AGENCY_ID", "000.00.31.H19")
                    .withEnvironment("GATEWAY_AGENCY_NAME", "Văn phòng UBND tỉnh (bench)")
                    .withEnvironment("GATEWAY_SIGNING_KEY_STORE", keyStore.toString())
                    .withEnvironment("GATEWAY_SIGNING_KEY_PASSWORD", password)
                    .withEnvironment("GATEWAY_TRUST_ANCHORS", sender.trustAnchor().toString())
                    .withArguments("--gateway.axis.poll-interval=1s", "--gateway.axis.request-timeout=120s",
                            "--gateway.axis.max-package-size=" + (bytes / (1024 * 1024) + 10) + "MB")
                    .withJvmOptions("-Xlog:gc:file=" + gcLog);
            gateway.start("bench-large");
            long t0 = System.nanoTime();
            stubs.offer(gateway.baseUrl());
            boolean arrived;
            try {
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250))
                        .until(() -> stubs.officeMessage.get() != null || stubs.acknowledgedFail.get() != null
                                || gateway.output().contains("OutOfMemoryError"));
                arrived = stubs.officeMessage.get() != null;
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                arrived = false;
            }
            boolean outOfMemory = gateway.output().contains("OutOfMemoryError");
            // An allocation that failed is in no GC line: then the peak is the whole heap.
            long heap = outOfMemory ? 512 : LargePackageAxis.heapPeakMiB(gcLog);
            String verdict = arrived ? stubs.officeMessage.get().at("/signature/result").asText() : "none";
            line(String.format("large package: %.0f MB edXML (%d MB attachment, signed) from the axis: %s after %.1f s"
                            + " (signature %s); heap peak %d MiB (GC log, -Xmx512m)", bytes / 1048576.0,
                    ATTACHMENT_MB, arrived ? "delivered to the document office (" + stubs.officeBytes.get() / 1048576
                            + " MB fetched by its link)" : outOfMemory ? "NOT delivered: OutOfMemoryError (the whole"
                            + " heap)" : "NOT delivered (axis acknowledgement: " + stubs.acknowledgedFail.get() + ")",
                    seconds(System.nanoTime() - t0), verdict, heap));
            return heap;
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool " + String.join(" ", args) + ": " + out).isZero();
    }

    private static void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), "");
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private void line(String text) throws IOException {
        System.out.println(text);
        report.add(text);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "bench-figures.txt"), report);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
