package vn.lienthong.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.process.DepartmentStub;
import vn.lienthong.gateway.process.GatewayProcess;

/**
 * The gateway is built for Java 17 and, on JDK 21 or newer, runs on virtual threads: the packaged jar is
 * started on the newest JDK of this machine ({@code /usr/lib/jvm}), answers on a virtual thread and carries
 * a dossier to its department.
 */
class VirtualThreadsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void onJdk21OrNewerRequestsRunOnVirtualThreads() throws Exception {
        Optional<Path> jdk = newestJdk(21);
        Assumptions.assumeTrue(jdk.isPresent(), "no JDK 21+ under /usr/lib/jvm");
        int departmentPort = GatewayProcess.freePort();
        try (DepartmentStub department = new DepartmentStub(departmentPort, Duration.ZERO);
             GatewayProcess gateway = new GatewayProcess(work, departmentPort,
                     "{ maxAttempts: 3, initialDelay: 200ms, multiplier: 2, maxDelay: 1s, timeout: 5s }")
                     .onJdk(jdk.get())) {
            gateway.start("jdk" + featureVersion(jdk.get()));

            JsonNode runtime = JSON.readTree(gateway.operatorGet("/actuator/info")).get("runtime");
            assertThat(Runtime.Version.parse(runtime.get("java").asText()).feature()).isGreaterThanOrEqualTo(21);
            assertThat(runtime.get("virtualThreads").asBoolean()).isTrue();
            assertThat(runtime.get("camelVirtualThreads").asBoolean()).isTrue();
            assertThat(runtime.get("requestThreadVirtual").asBoolean()).as("the request was answered on a virtual thread")
                    .isTrue();

            ObjectNode d = (ObjectNode) JSON.readTree(
                    Files.readString(Path.of("src/test/resources/samples/dossiers/business-single.json")));
            d.put("dossierCode", "VT-1");
            d.put("procedureCode", GatewayProcess.PROCEDURE);
            assertThat(gateway.submit(d.toString())).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> department.keyByDossier.containsKey("VT-1"));
        }
    }

    /** The newest JDK under /usr/lib/jvm whose feature version is at least {@code minimum}. */
    private static Optional<Path> newestJdk(int minimum) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> featureVersion(home) >= minimum)
                    .max(Comparator.comparingInt(VirtualThreadsIT::featureVersion));
        }
    }

    /** JAVA_VERSION from the JDK's {@code release} file; 0 when it cannot be read. */
    private static int featureVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return Runtime.Version.parse(line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                            .feature();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        }
        return 0;
    }
}
