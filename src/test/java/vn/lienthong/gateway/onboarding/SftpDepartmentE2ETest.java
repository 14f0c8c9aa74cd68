package vn.lienthong.gateway.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Departments on SFTP, connected by a system file and a procedure file each ({@link OnboardingTestSupport}), against
 * a real SFTP server: a dossier submitted by the one-stop software arrives as a file in the department's remote
 * folder (logged in with a password, or with a private key), and a status file the department leaves in its remote
 * status folder is picked up and shows on the dossier.
 */
class SftpDepartmentE2ETest extends OnboardingTestSupport {

    private static String submit(String procedureCode, String prefix) {
        Answer accepted = postJson("/api/v1/dossiers", ONE_STOP_KEY, dossier(procedureCode, prefix));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.json().get("dossierCode").asText();
    }

    /** The files of a folder of the SFTP server whose names start with the dossier code. */
    private static List<Path> filesOf(String folder, String dossierCode) {
        Path dir = SFTP.root().resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(dossierCode + "_")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aDossierArrivesOnTheSftpServerAndTheDepartmentsStatusFileComesBack() throws IOException {
        String code = submit("9.000005", "TC");

        await().atMost(Duration.ofSeconds(30)).until(() -> !filesOf("inbox", code).isEmpty());
        Path delivered = filesOf("inbox", code).get(0);
        assertThat(delivered.getFileName().toString()).endsWith(".json");
        JsonNode dossier = JSON.readTree(Files.readString(delivered, StandardCharsets.UTF_8));
        assertThat(dossier.path("dossierCode").asText()).isEqualTo(code);
        assertThat(dossier.path("procedureCode").asText()).isEqualTo("9.000005");
        await().atMost(Duration.ofSeconds(10)).until(() -> step(code).hasNonNull("deliveredAt"));

        // The department leaves its answer in outbox/ on its own server, as it would with its own SFTP client.
        Path outbox = Files.createDirectories(SFTP.root().resolve("outbox"));
        Files.writeString(outbox.resolve(code + "-in-progress.xml"), """
                <DossierStatusReport xmlns="urn:lienthong-gateway:dossier-status:1">
                  <DossierCode>%s</DossierCode>
                  <System>tc-finance</System>
                  <Status>IN_PROGRESS</Status>
                  <At>%s</At>
                  <Handler>Phòng Giá đất</Handler>
                </DossierStatusReport>
                """.formatted(code, OffsetDateTime.now(ZoneOffset.ofHours(7))), StandardCharsets.UTF_8);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(step(code).path("state").asText()).isEqualTo("IN_PROGRESS"));
        assertThat(outbox.resolve(".done").resolve(code + "-in-progress.xml")).as("taken once, kept in .done/")
                .exists();
        assertThat(outbox.resolve(code + "-in-progress.xml")).doesNotExist();
    }

    @Test
    void aDepartmentThatTakesOnlyKeysGetsItsMappedXmlWithTheGatewaysKey() throws IOException {
        String code = submit("9.000006", "KH");

        await().atMost(Duration.ofSeconds(30)).until(() -> !filesOf("planning/in", code).isEmpty());
        Path delivered = filesOf("planning/in", code).get(0);
        assertThat(delivered.getFileName().toString()).endsWith(".xml");
        String xml = Files.readString(delivered, StandardCharsets.UTF_8);
        assertThat(xml).as("the mapping's output, not the dossier JSON").startsWith("<").contains(code)
                .doesNotContain("\"dossierCode\"");
    }

    private static JsonNode step(String code) {
        Answer dossier = operatorGet("/api/v1/dossiers/" + code);
        assertThat(dossier.status()).as(dossier.body()).isEqualTo(200);
        return dossier.json().path("steps").path(0);
    }
}
