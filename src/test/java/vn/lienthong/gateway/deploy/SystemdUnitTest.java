package vn.lienthong.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/systemd: the unit starts the packaged jar in the prod profile as an unprivileged user, systemd itself
 * finds nothing wrong in it, and the environment file example sets every variable the gateway needs in prod and
 * none it does not read.
 */
class SystemdUnitTest {

    private static final Path UNIT = Path.of("deploy", "systemd", "lienthong-gateway.service");
    private static final Path ENVIRONMENT = Path.of("deploy", "systemd", "gateway.env.example");

    @Test
    void runsThePackagedJarInProdAsItsOwnUser() throws IOException {
        Map<String, String> service = section("Service");
        assertThat(service.get("ExecStart")).as("the jar the build makes (pom.xml finalName)")
                .contains("-jar /opt/lienthong-gateway/" + DeploymentFacts.pomFinalName() + ".jar")
                .contains("--spring.profiles.active=prod")
                .contains("--gateway.data-dir=/var/lib/" + service.get("StateDirectory"));
        assertThat(service.get("User")).isNotBlank().isNotEqualTo("root");
        assertThat(service.get("WorkingDirectory")).as("where ./config/application.yml, routes/ and schemas/ are")
                .isEqualTo("/opt/lienthong-gateway");
        assertThat(service.get("EnvironmentFile")).isEqualTo("/etc/lienthong-gateway/gateway.env");
        assertThat(service.get("SuccessExitStatus")).as("a JVM stopped by SIGTERM exits 143").isEqualTo("143");
        assertThat(section("Install").get("WantedBy")).isEqualTo("multi-user.target");
    }

    @Test
    void theEnvironmentFileSetsEveryRequiredVariableAndNoneTheGatewayDoesNotRead() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(ENVIRONMENT, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertThat(line).as("NAME=value").matches("[A-Z][A-Z0-9_]*=.*");
                names.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertThat(names).as("variables config/application.yml reads in prod without a default")
                .containsAll(DeploymentFacts.requiredProdVariables());
        assertThat(DeploymentFacts.knownVariables()).as("variables the gateway, its systems or the platform read")
                .containsAll(names);
    }

    @Test
    void systemdFindsNothingWrongInTheUnit() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        if (!Files.isExecutable(analyze)) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("systemd-analyze is missing; CI needs it: apt-get install -y systemd");
            }
            Assumptions.abort("systemd-analyze is not installed here (apt-get install systemd)");
        }
        Process verify = new ProcessBuilder(analyze.toString(), "verify", UNIT.toString())
                .redirectErrorStream(true).start();
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).as("systemd-analyze verify").isBlank();
        assertThat(verify.exitValue()).isZero();
    }

    /** The keys of one [section] of the unit file (the last value of a key repeated). */
    private static Map<String, String> section(String name) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        String current = null;
        for (String line : Files.readAllLines(UNIT, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[")) {
                current = trimmed.substring(1, trimmed.length() - 1);
            } else if (name.equals(current) && !trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int equals = trimmed.indexOf('=');
                keys.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
        }
        assertThat(keys).as("[" + name + "] in " + UNIT).isNotEmpty();
        return keys;
    }
}
