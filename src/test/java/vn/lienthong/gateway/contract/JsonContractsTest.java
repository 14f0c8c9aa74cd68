package vn.lienthong.gateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.catalog.GatewayProperties;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;

/** The JSON contracts accept the shared samples and explain every rejection by field. */
class JsonContractsTest {

    private final JsonContracts contracts = new JsonContracts(new GatewayProperties(Path.of("data"),
            new GatewayProperties.CatalogDir(Path.of("config")), new GatewayProperties.SchemasDir(Path.of("schemas"))));

    private static byte[] sample(String name) throws Exception {
        return Files.readAllBytes(Path.of("src/test/resources/samples/dossiers", name));
    }

    @Test
    void theSharedSampleDossiersAreValid() throws Exception {
        assertThat(contracts.read(sample("business-single.json"), JsonContract.DOSSIER).get("dossierCode").asText())
                .isEqualTo("H19.22-261121-0042");
        assertThat(contracts.read(sample("investment-lienthong.json"), JsonContract.DOSSIER).get("procedureCode")
                .asText()).isEqualTo("1.009645");
    }

    @Test
    void everyInvalidFieldIsReportedNotJustTheFirst() throws Exception {
        ObjectNode d = (ObjectNode) contracts.parse(sample("business-single.json"));
        d.put("channel", "FAX");
        d.remove("receivedAt");
        ((ObjectNode) d.get("applicant")).put("type", "ROBOT");
        assertThatThrownBy(() -> contracts.read(d.toString().getBytes(StandardCharsets.UTF_8), JsonContract.DOSSIER))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.fieldErrors()).extracting("pointer")
                            .contains("/channel", "/receivedAt", "/applicant/type");
                    assertThat(e.fieldErrors()).allSatisfy(f -> assertThat(f.message()).isNotBlank());
                });
    }

    @Test
    void fieldErrorsReadInVietnameseForTheConsoleAndStayEnglishInTheApi() throws Exception {
        ObjectNode d = (ObjectNode) contracts.parse(sample("business-single.json"));
        ((ObjectNode) d.get("applicant")).put("type", "ROBOT");
        d.remove("receivedAt");
        ((ObjectNode) d.withArray("documents").get(0)).put("name", "../etc/passwd");
        java.util.Locale vi = java.util.Locale.forLanguageTag("vi");
        assertThat(contracts.validate(d, JsonContract.DOSSIER)).extracting(f -> f.pointer() + " " + f.message(vi))
                .contains("/applicant/type không có giá trị trong bảng liệt kê [\"CITIZEN\", \"ORGANIZATION\"]",
                        "/receivedAt không tìm thấy thuộc tính bắt buộc 'receivedAt'");
        ((ObjectNode) d.get("applicant")).put("type", "CITIZEN");
        d.put("receivedAt", "2026-11-21T08:00:00+07:00");
        var hostile = contracts.validate(d, JsonContract.DOSSIER);
        assertThat(hostile).extracting(f -> f.message(vi))
                .containsExactly("tên tệp không được chứa dấu phân cách thư mục ('/' hoặc '\\')");
        assertThat(hostile).extracting(f -> f.message(java.util.Locale.ENGLISH))
                .containsExactly("a file name must not contain a path separator ('/' or '\\')");
        // The API's problem body carries the English message only.
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(hostile.get(0));
        assertThat(json).isEqualTo("{\"pointer\":\"/documents/0/name\",\"message\":\"a file name must not contain a"
                + " path separator ('/' or '\\\\')\"}");
    }

    @Test
    void formattingDoesNotChangeTheContentHashButContentDoes() throws Exception {
        JsonNode compact = contracts.parse(sample("business-single.json"));
        JsonNode pretty = contracts.parse(compact.toPrettyString().getBytes(StandardCharsets.UTF_8));
        assertThat(contracts.contentHash(pretty)).isEqualTo(contracts.contentHash(compact));
        ((ObjectNode) pretty).put("summary", "khác");
        assertThat(contracts.contentHash(pretty)).isNotEqualTo(contracts.contentHash(compact));
    }

    @Test
    void aDocumentNeedsContentOrUrl() throws Exception {
        ObjectNode d = (ObjectNode) contracts.parse(sample("business-single.json"));
        ((ObjectNode) d.get("documents").get(0)).remove("content");
        assertThat(contracts.validate(d, JsonContract.DOSSIER)).extracting("pointer").contains("/documents/0");
    }

    @Test
    void supplementForNamesSystemIdsAndTheAppointmentIsOptional() throws Exception {
        ObjectNode d = (ObjectNode) contracts.parse(sample("business-single.json"));
        d.put("revision", 2).putArray("supplementFor").add("dpi-business");
        d.remove("dueAt");
        assertThat(contracts.validate(d, JsonContract.DOSSIER)).isEmpty();
        d.putArray("supplementFor").add("Sở KH-ĐT").add("dpi-business").add("dpi-business");
        assertThat(contracts.validate(d, JsonContract.DOSSIER)).extracting("pointer")
                .contains("/supplementFor/0", "/supplementFor");
        d.putArray("supplementFor");
        assertThat(contracts.validate(d, JsonContract.DOSSIER)).extracting("pointer").contains("/supplementFor");
    }

    @Test
    void aStatusUpdateOutsideTheCodeListIsRefused() {
        JsonNode update = contracts.parse(("{\"dossierCode\":\"A1\",\"system\":\"dpi-business\",\"status\":\"DONE\","
                + "\"at\":\"2026-11-21T10:00:00+07:00\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(contracts.validate(update, JsonContract.STATUS_UPDATE)).extracting("pointer").containsExactly("/status");
    }
}
