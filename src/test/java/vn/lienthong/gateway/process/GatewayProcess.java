package vn.lienthong.gateway.process;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * The packaged gateway ({@code target/lienthong-gateway.jar}) as its own JVM, configured with one one-stop
 * system and one REST department pointing at a {@link DepartmentStub}: what a real deployment runs,
 * so that it can be killed or measured from outside.
 */
public final class GatewayProcess implements AutoCloseable {

    /** The one-stop software's key in the generated configuration. */
    public static final String ONE_STOP_KEY = "process-one-stop-key-0001";
    /** The procedure routed to the stub department. */
    public static final String PROCEDURE = "9.000001";

    private final int port;
    private final Path config;
    private final Path data;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private PackagedJar jar;
    /** The operator's password: the demo's, or the one written to the operators file in production. */
    private String operatorPassword = "operator-demo";
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();
    private final java.util.List<String> profileArgs = new java.util.ArrayList<>();
    private Path javaHome = Path.of(System.getProperty("java.home"));
    private boolean axisEnabled;
    private final java.util.List<String> jvmOptions = new java.util.ArrayList<>(java.util.List.of("-Xmx512m"));

    public GatewayProcess(Path work, int departmentPort, String departmentDelivery) throws IOException {
        this.port = freePort();
        this.config = work.resolve("config");
        this.data = work.resolve("data");
        Files.createDirectories(config.resolve("systems"));
        Files.createDirectories(config.resolve("procedures"));
        Files.createDirectories(config.resolve("mappings"));
        Files.writeString(config.resolve("systems/one-stop.yml"), """
                id: one-stop
                name: One-stop software (test)
                kind: one-stop
                protocol: rest
                endpoint: http://127.0.0.1:%d/stub/callbacks
                apiKey: %s
                """.formatted(departmentPort, ONE_STOP_KEY));
        Files.writeString(config.resolve("systems/stub-department.yml"), """
                id: stub-department
                name: A department outside the gateway (test)
                kind: department
                protocol: rest
                endpoint: http://127.0.0.1:%d/stub/dossiers
                apiKey: process-department-key-0001
                delivery: %s
                """.formatted(departmentPort, departmentDelivery));
        Files.writeString(config.resolve("procedures/" + PROCEDURE + ".yml"), """
                code: "%s"
                name: Test procedure
                processingDays: 1
                steps:
                  - system: stub-department
                """.formatted(PROCEDURE));
    }

    /**
     * Runs the gateway as production does ({@code prod} profile): the broker and the database outside it,
     * operators from a file of bcrypt hashes, no simulators.
     *
     * @param brokerUrl the external Artemis broker
     * @param dbUrl     the PostgreSQL database (JDBC URL)
     * @param dbUser    its user
     */
    public GatewayProcess production(String brokerUrl, String dbUrl, String dbUser) throws IOException {
        Path operators = config.resolve("operators.yml");
        // Production refuses demo passwords, even hashed (security.ProductionSafety).
        operatorPassword = "process-operator-" + Long.toHexString(System.nanoTime());
        String hash = org.springframework.security.crypto.factory.PasswordEncoderFactories
                .createDelegatingPasswordEncoder().encode(operatorPassword);
        Files.writeString(operators, """
                gateway:
                  security:
                    users:
                      - { username: operator, password: "%s", role: OPERATOR }
                """.formatted(hash));
        environment.put("GATEWAY_BROKER_URL", brokerUrl);
        environment.put("GATEWAY_DB_URL", dbUrl);
        environment.put("GATEWAY_DB_USER", dbUser);
        environment.put("GATEWAY_CONFIG_DIR", config.toString());
        environment.put("GATEWAY_OPERATORS_FILE", operators.toString());
        profileArgs.add("--spring.profiles.active=prod");
        return this;
    }

    /** Adds (or replaces) a file of the gateway's configuration folder, e.g. {@code systems/x.yml}. */
    public GatewayProcess withConfigFile(String relativePath, String content) throws IOException {
        Path file = config.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    /** Adds JVM options (after the default {@code -Xmx512m}, so a later {@code -Xmx} wins). */
    public GatewayProcess withJvmOptions(String... options) {
        jvmOptions.addAll(java.util.List.of(options));
        return this;
    }

    /** Adds application arguments, e.g. {@code --gateway.delivery.concurrent-consumers=8}. */
    public GatewayProcess withArguments(String... arguments) {
        profileArgs.addAll(java.util.List.of(arguments));
        return this;
    }

    /** Adds an environment variable of the gateway's JVM (secrets, paths). */
    public GatewayProcess withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Polls the national document axis configured in {@code systems/} (off by default in these tests). */
    public GatewayProcess withAxis() {
        axisEnabled = true;
        return this;
    }

    /** Runs the gateway on the JDK in {@code home} instead of the one running the test. */
    public GatewayProcess onJdk(Path home) {
        this.javaHome = home;
        return this;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return jar.process().pid();
    }

    /** The processor time the gateway's JVM has used so far (user and system). */
    public Duration cpu() {
        return jar.process().info().totalCpuDuration().orElseThrow();
    }

    /** Starts the gateway on the same data folder as any earlier run, and waits until it is healthy. */
    public void start(String run) throws IOException {
        java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of(
                "--server.port=" + port, "--gateway.data-dir=" + data,
                "--gateway.catalog.directory=" + config, "--gateway.axis.enabled=" + axisEnabled,
                "--logging.level.root=WARN", "--logging.level.vn.lienthong=INFO"));
        arguments.addAll(profileArgs);
        jar = PackagedJar.start(javaHome, jvmOptions, arguments, environment, "gateway-" + run);
        jar.awaitHealthy(port, Duration.ofSeconds(180));
    }

    /** SIGTERM, as systemd or Kubernetes stop it, and waits for the JVM to end (flight recordings are dumped). */
    public void stopGracefully(Duration atMost) throws InterruptedException {
        jar.process().destroy();
        if (!jar.process().waitFor(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            jar.close();
        }
    }

    /** Everything the gateway printed so far. */
    public String output() throws IOException {
        return jar.output();
    }

    /** SIGKILL, as a power cut or the OOM killer would; returns the exit code. */
    public int killNine() throws Exception {
        return Processes.killNine(jar.process(), "gateway");
    }

    /** The base URL, {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Submits one dossier; returns the HTTP status. */
    public int submit(String dossierJson) throws IOException, InterruptedException {
        return submitForAnswer(dossierJson).statusCode();
    }

    /** Submits one dossier; returns the whole answer. */
    public HttpResponse<String> submitForAnswer(String dossierJson) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/dossiers"))
                        .header("Content-Type", "application/json").header("X-Api-Key", ONE_STOP_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(dossierJson)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The status of {@code /actuator/health} (200 up, 503 down). */
    public int health() throws IOException, InterruptedException {
        return health("/actuator/health");
    }

    /** The status of a health endpoint such as {@code /actuator/health/readiness} (200 up, 503 down). */
    public int health(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** An operator POST with a JSON body (e.g. pause or resume a system); returns the HTTP status. */
    public int operatorPost(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("operator:" + operatorPassword).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** An operator GET, for diagnostics. */
    public String operatorGet(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("operator:" + operatorPassword).getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void close() {
        if (jar != null) {
            jar.close();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
