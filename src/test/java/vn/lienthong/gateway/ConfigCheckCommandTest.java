package vn.lienthong.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * {@code --check-config [folder]} as an IT department runs it: the shipped configuration passes (exit 0), and a
 * folder with one mistake of each kind gets every mistake reported as {@code file:line: problem} (exit 1), without
 * starting the gateway.
 */
class ConfigCheckCommandTest {

    private record Run(int status, String output) {
    }

    private static Run check(String folder) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = GatewayApplication.checkConfig(Path.of(folder), new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theShippedConfigurationPasses() {
        Run run = check("config");
        assertThat(run.output()).contains("config: OK");
        assertThat(run.status()).as(run.output()).isZero();
    }

    @Test
    void everyMistakeIsReportedWithItsFileAndLine() {
        String b = "src/test/resources/config-broken/";
        Run run = check(b);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.output()).contains(
                b + "systems/bad-kind.yml:3: 'kind' is 'ministry'",
                b + "systems/land-b.yml:6: 'endpoint': ${ONBOARDING_TEST_UNSET_VARIABLE} is not set",
                b + "systems/literal-secret.yml:7: 'password' is a secret",
                b + "systems/no-mapping.yml:8: mapping 'missing.xsl' does not exist",
                b + "systems/soap-wrong.yml:10: WSDL 'schemas/wsdl/izb-investment.wsdl' has no service"
                        + " {urn:izb:investment:dossier:1}NoSuchService",
                b + "procedures/8.000001.yml:6: step system 'no-such-department' is not defined",
                b + "procedures/8.000002.yml:4: the steps wait for each other in a circle",
                b + "systems/unknown-connector.yml:6: connector 'carrier-pigeon' needs the kamelet "
                        + Path.of("routes", "kamelets", "carrier-pigeon-sink.kamelet.yaml") + ", which does not exist",
                b + "systems/broker-incomplete.yml:6: the kamelet jms-broker-sink needs 'brokerUrl', which this"
                        + " file does not give (give it under parameters:)",
                b + "systems/broker-incomplete.yml:6: the kamelet jms-broker-sink needs 'username', which this"
                        + " file does not give (give it in auth:)",
                b + "systems/broker-incomplete.yml:9: parameter 'brokerUri' is not a parameter of [jms-broker-sink]",
                b + "systems/sftp-folder.yml:6: an sftp system's 'endpoint' is sftp://host:port/folder",
                b + "mappings/reads-files.xsl:4: 'unparsed-text(' reads or writes outside the dossier");
        assertThat(run.output().lines().filter(l -> l.startsWith(b))).allMatch(
                l -> l.matches(".+\\.(yml|xsl):\\d+: .+"));
    }

    @Test
    void certifyRunsTheShippedCasesOfASystemWithoutStartingTheGateway() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = GatewayApplication.certify("dolisa-labour", Path.of("config"),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("PASS investment-lienthong",
                "dolisa-labour: 1 passed, 0 failed");
    }
}
