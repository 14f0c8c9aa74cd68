package vn.lienthong.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.catalog.ConfigLint;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;

/**
 * A REST system's {@code mapping:} may be a JSON template (JSONata) instead of an XSLT: the department gets its own
 * JSON shape, with the gateway's message id; a template that fails or recurses for ever fails that delivery with
 * MAPPING_FAILED naming the file; one that does not parse is named by the configuration check with its line.
 */
class JsonTemplateMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final DossierMapping mapping = new DossierMapping();

    private static String sample() throws IOException {
        return Files.readString(Path.of("src/test/resources/samples/dossiers/business-single.json"));
    }

    @Test
    void theDepartmentGetsItsOwnJsonShape() throws IOException {
        Path template = Files.writeString(dir.resolve("gt-traffic.jsonata"), """
                {
                  "maHoSo": dossierCode,
                  "thuTuc": procedureCode,
                  "nguoiNop": { "hoTen": applicant.name, "loai": applicant.type = "CITIZEN" ? "CONG_DAN" : "TO_CHUC" },
                  "soTaiLieu": $count(documents),
                  "maGiaoDich": $GatewayMessageId
                }
                """, StandardCharsets.UTF_8);
        String dossier = sample();
        JsonNode source = JSON.readTree(dossier);

        DossierMapping.Mapped mapped = mapping.map(template, dossier, "msg-42");

        assertThat(mapped.contentType()).startsWith("application/json");
        JsonNode body = JSON.readTree(mapped.body());
        assertThat(body.path("maHoSo").asText()).isEqualTo(source.path("dossierCode").asText());
        assertThat(body.path("thuTuc").asText()).isEqualTo(source.path("procedureCode").asText());
        assertThat(body.path("nguoiNop").path("hoTen").asText())
                .isEqualTo(source.path("applicant").path("name").asText());
        assertThat(body.path("nguoiNop").path("loai").asText()).isIn("CONG_DAN", "TO_CHUC");
        assertThat(body.path("soTaiLieu").asInt()).isEqualTo(source.path("documents").size());
        assertThat(body.path("maGiaoDich").asText()).isEqualTo("msg-42");
        assertThat(body.has("dossierCode")).isFalse();
    }

    @Test
    void aTemplateThatFailsOrNeverEndsFailsTheDeliveryNamingTheFile() throws IOException {
        Path failing = Files.writeString(dir.resolve("refuses.jsonata"), "$error(\"no such field in our system\")");
        assertThatThrownBy(() -> mapping.map(failing, sample(), "m"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MAPPING_FAILED);
                    assertThat(e.getMessage()).contains("refuses.jsonata", "no such field in our system");
                });
        Path forever = Files.writeString(dir.resolve("forever.jsonata"),
                "($f := function($n) { 1 + $f($n + 1) }; $f(0))");
        assertThatThrownBy(() -> mapping.map(forever, sample(), "m"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MAPPING_FAILED);
                    assertThat(e.getMessage()).contains("forever.jsonata");
                });
    }

    @Test
    void aTemplateThatDoesNotParseIsNamedByTheConfigurationCheck() throws IOException {
        Path mappings = Files.createDirectories(dir.resolve("config/mappings"));
        Path broken = Files.writeString(mappings.resolve("broken.jsonata"), """
                {
                  "maHoSo": dossierCode,
                  "nguoiNop": applicant.name +
                }
                """);
        assertThat(new ConfigLint(dir.resolve("no-routes"), dir.resolve("config")).problems())
                .singleElement().asString().startsWith(broken + ":4: not a valid JSON template (JSONata): ");
    }
}
