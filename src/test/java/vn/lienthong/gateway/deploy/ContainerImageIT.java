package vn.lienthong.gateway.deploy;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.process.GatewayProcess;

/**
 * The container image ({@code ./mvnw -B -Pimage package}, built in every CI run) checked without a container
 * engine: its config and layers as a registry stores them, and the Java runtime inside started on the image's
 * own file system, as its non-root user, to a healthy gateway.
 */
class ContainerImageIT {

    private static final Path TAR = Path.of("target", "lienthong-gateway-image.tar");
    private static final String BUILD = "./mvnw -B -Pimage package";
    private static final String HOME = "/opt/lienthong-gateway";
    private static final String MAIN_CLASS = "vn.lienthong.gateway.GatewayApplication";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ImageTar image;

    @TempDir
    Path work;

    @BeforeAll
    static void readImage() throws IOException {
        if (!Files.exists(TAR)) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(TAR + " is missing, but CI must build it: " + BUILD
                        + " (the image profile is on when CI=true)");
            }
            Assumptions.abort(TAR + " is not built here; " + BUILD + " builds it");
        }
        image = ImageTar.read(TAR);
    }

    @Test
    void isALinuxAmd64ImageOfThisVersion() {
        assertThat(image.imageConfig().get("os").asText()).isEqualTo("linux");
        assertThat(image.imageConfig().get("architecture").asText()).isEqualTo("amd64");
        assertThat(image.manifest().get("RepoTags").get(0).asText())
                .isEqualTo("lienthong-gateway:" + DeploymentFacts.pomVersion());
        assertThat(image.containerConfig().get("Labels").get("org.opencontainers.image.version").asText())
                .isEqualTo(DeploymentFacts.pomVersion());
    }

    @Test
    void runsAsANonRootUserThatTheImageNames() {
        String[] user = image.containerConfig().get("User").asText().split(":");
        assertThat(user).as("numeric uid:gid, so Kubernetes can check runAsNonRoot").hasSize(2);
        long uid = Long.parseLong(user[0]);
        assertThat(uid).as("the gateway must not run as root").isNotZero();
        assertThat(image.lines("/etc/passwd"))
                .anySatisfy(line -> assertThat(line.split(":")).satisfies(fields -> {
                    assertThat(fields[2]).isEqualTo(user[0]);
                    assertThat(fields[3]).isEqualTo(user[1]);
                    assertThat(fields[5]).as("home").isEqualTo(HOME);
                }));
    }

    @Test
    void startsTheGatewayWithTheJavaRuntimeInside() {
        JsonNode config = image.containerConfig();
        List<String> entrypoint = new ArrayList<>();
        config.get("Entrypoint").forEach(arg -> entrypoint.add(arg.asText()));
        assertThat(entrypoint.get(0)).isEqualTo("/opt/java/bin/java");
        assertThat(image.files().get("/opt/java/bin/java")).as("the Java launcher").isNotNull()
                .satisfies(java -> assertThat(java.executable()).isTrue());
        assertThat(image.files()).as("the dynamic loader the launcher names").containsKey("/lib64/ld-linux-x86-64.so.2");
        assertThat(entrypoint).endsWith(MAIN_CLASS);
        assertThat(image.files()).containsKey(HOME + "/app/classes/vn/lienthong/gateway/GatewayApplication.class");

        String classpathFile = entrypoint.get(entrypoint.indexOf("-cp") + 1);
        assertThat(classpathFile).startsWith("@");
        List<String> classpath = List.of(String.join("", image.lines(classpathFile.substring(1))).split(":"));
        assertThat(classpath).as("the dependencies").anyMatch(path -> path.matches(".*/spring-boot-3\\.5\\.\\d+\\.jar"))
                .anyMatch(path -> path.contains("/camel-core-engine-"));
        classpath.stream().filter(path -> !path.endsWith("/"))
                .forEach(path -> assertThat(image.files()).as("classpath entry").containsKey(path));

        assertThat(config.get("WorkingDir").asText()).isEqualTo(HOME);
        assertThat(image.environment()).containsEntry("SPRING_PROFILES_ACTIVE", "prod")
                .containsEntry("LANG", "C.UTF-8");
    }

    @Test
    void carriesConfigRoutesAndSchemasWhereTheGatewayReadsThem() throws IOException {
        for (String folder : List.of("config", "routes", "schemas")) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String inImage = HOME + "/" + file.toString().replace('\\', '/');
                    assertThat(image.files()).as(inImage).containsKey(inImage);
                    assertThat(image.files().get(inImage).content()).as(inImage).isEqualTo(Files.readAllBytes(file));
                }
            }
        }
    }

    @Test
    void exposesTheServerPortAndADataVolumeOnlyItsUserMayWrite() {
        JsonNode config = image.containerConfig();
        Set<String> ports = new TreeSet<>();
        config.get("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertThat(ports).containsExactly(DeploymentFacts.serverPort() + "/tcp");
        Set<String> volumes = new TreeSet<>();
        config.get("Volumes").fieldNames().forEachRemaining(volumes::add);
        assertThat(volumes).containsExactly(HOME + "/data");

        long gid = Long.parseLong(config.get("User").asText().split(":")[1]);
        ImageTar.Entry data = image.files().get(HOME + "/data");
        assertThat(data.directory()).isTrue();
        assertThat(data.gid()).isEqualTo(gid);
        assertThat(data.mode() & 0070).as("the user's group may write the data folder").isEqualTo(0070);
        assertThat(image.files().values())
                .filteredOn(entry -> !entry.path().startsWith(HOME + "/data") && !entry.path().startsWith("/tmp"))
                .as("the application and its runtime are read-only to the gateway's user")
                .allSatisfy(entry -> {
                    assertThat(entry.uid()).as(entry.path()).isZero();
                    assertThat(entry.writableByGroupOrOthers()).as(entry.path()).isFalse();
                });
    }

    @Test
    void theRuntimeInsideRunsTheGatewayToHealthyAsItsUser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")),
                "running the image's own file system needs unshare (util-linux)");
        Path root = work.resolve("rootfs");
        image.extractTo(root, isRoot());
        // What a container engine provides: /proc (mounted below), name resolution files.
        Files.createDirectories(root.resolve("proc"));
        for (String file : List.of("/etc/hosts", "/etc/resolv.conf")) {
            if (Files.exists(Path.of(file))) {
                Files.copy(Path.of(file), root.resolve(file.substring(1)));
            }
        }

        Map<String, String> settings = parseSettings(runInImage(root, List.of("/opt/java/bin/java",
                "-XshowSettings:properties", "-version"), Map.of(), "image-java-settings").waitForOutput());
        assertThat(settings).as("Vietnamese file names and log lines need UTF-8")
                .containsEntry("sun.jnu.encoding", "UTF-8").containsEntry("file.encoding", "UTF-8")
                .containsEntry("java.home", "/opt/java").containsEntry("user.dir", HOME);

        int port = GatewayProcess.freePort();
        List<String> entrypoint = new ArrayList<>();
        image.containerConfig().get("Entrypoint").forEach(arg -> entrypoint.add(arg.asText()));
        // The demo profile: self-contained (embedded broker and database in the data volume), no secrets needed.
        try (InImage gateway = runInImage(root, entrypoint, Map.of("SPRING_PROFILES_ACTIVE", "demo",
                "SERVER_PORT", Integer.toString(port), "JAVA_TOOL_OPTIONS", "-Xmx512m"), "image-gateway")) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).until(() -> {
                gateway.assertAlive();
                return status(http, port, DeploymentFacts.READINESS) == 200;
            });
            assertThat(status(http, port, DeploymentFacts.LIVENESS)).isEqualTo(200);
            JsonNode info = JSON.readTree(http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/info"))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString("viewer:viewer-demo".getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(info.at("/build/version").asText()).isEqualTo(DeploymentFacts.pomVersion());
            assertThat(info.at("/runtime/java").asText()).startsWith(settings.get("java.version"));
            try (Stream<Path> data = Files.list(root.resolve(HOME.substring(1)).resolve("data"))) {
                assertThat(data.map(path -> path.getFileName().toString()))
                        .as("the broker journal and the database went to the data volume").contains("artemis", "db");
            }
        }
    }

    /** A process started on the extracted image: its own root, /proc, working folder and the image's user. */
    private InImage runInImage(Path root, List<String> command, Map<String, String> extraEnvironment, String log)
            throws IOException {
        String[] user = image.containerConfig().get("User").asText().split(":");
        List<String> line = new ArrayList<>(List.of("/usr/bin/unshare"));
        if (isRoot()) {
            line.addAll(List.of("--setuid", user[0], "--setgid", user[1]));
        } else {
            // Without root, a user namespace maps this user to root inside; the files are this user's anyway.
            line.addAll(List.of("--user", "--map-root-user"));
        }
        line.addAll(List.of("--mount", "--pid", "--fork", "--kill-child", "--mount-proc=/proc",
                "--root=" + root, "--wd=" + image.containerConfig().get("WorkingDir").asText()));
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        Path logs = Files.createDirectories(Path.of("target", "gateway-process"));
        Path output = logs.resolve(log + ".log");
        builder.redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(image.environment());
        builder.environment().putAll(extraEnvironment);
        return new InImage(builder.start(), output);
    }

    /** A process inside the extracted image, with its output file. */
    private record InImage(Process process, Path output) implements AutoCloseable {

        String waitForOutput() throws Exception {
            await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
            String text = Files.readString(output);
            assertThat(process.exitValue()).as(text).isZero();
            return text;
        }

        void assertAlive() throws IOException {
            if (!process.isAlive()) {
                throw new AssertionError("the gateway in the image exited: " + Files.readString(output));
            }
        }

        /**
         * Stops it as a container engine does: SIGTERM to the program (unshare itself ignores it and waits for
         * its child), which must end within the grace period deploy/k8s gives; SIGKILL to whatever is left.
         */
        @Override
        public void close() {
            List<ProcessHandle> inside = process.toHandle().descendants().toList();
            inside.forEach(ProcessHandle::destroy);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
            } finally {
                // --kill-child does not survive unshare's --setuid, so the program is killed by its own pid.
                inside.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    private static int status(HttpClient http, int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Map<String, String> parseSettings(String output) {
        Map<String, String> settings = new java.util.TreeMap<>();
        for (String line : output.lines().toList()) {
            String[] nameValue = line.trim().split(" = ", 2);
            if (nameValue.length == 2) {
                settings.put(nameValue[0], nameValue[1]);
            }
        }
        return settings;
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }
}
