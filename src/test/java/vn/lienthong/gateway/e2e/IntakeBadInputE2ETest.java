package vn.lienthong.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import vn.lienthong.gateway.GatewayTestSupport;

/** Bad input to the intake gets a clear 4xx problem naming the field, never a 5xx. */
class IntakeBadInputE2ETest extends GatewayTestSupport {

    private static ObjectNode valid() throws Exception {
        return DossierFlowE2ETest.dossier("business-single.json");
    }

    static Stream<Arguments> schemaViolations() throws Exception {
        ObjectNode noCode = valid();
        noCode.remove("dossierCode");
        ObjectNode badCode = valid();
        badCode.put("dossierCode", "h19 lower case!");
        ObjectNode badEmail = valid();
        ((ObjectNode) badEmail.get("applicant")).put("email", "not-an-email");
        ObjectNode badDate = valid();
        badDate.put("receivedAt", "21/11/2026");
        ObjectNode badChannel = valid();
        badChannel.put("channel", "FAX");
        ObjectNode badRevision = valid();
        badRevision.put("revision", 0);
        ObjectNode extra = valid();
        extra.put("unexpected", true);
        ObjectNode tooManyDocuments = valid();
        var documents = tooManyDocuments.putArray("documents");
        for (int i = 0; i < 51; i++) {
            documents.addObject().put("name", "f" + i).put("url", "https://example.vn/" + i);
        }
        return Stream.of(
                Arguments.of("missing dossierCode", noCode, "/dossierCode"),
                Arguments.of("dossierCode pattern", badCode, "/dossierCode"),
                Arguments.of("email format", badEmail, "/applicant/email"),
                Arguments.of("date-time format", badDate, "/receivedAt"),
                Arguments.of("channel enum", badChannel, "/channel"),
                Arguments.of("revision minimum", badRevision, "/revision"),
                Arguments.of("unknown property", extra, ""),
                Arguments.of("documents maxItems", tooManyDocuments, "/documents"));
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aClientsMistakeIsLoggedAsOneLineWithoutAStackTrace(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        ObjectNode badChannel = valid();
        String code = "H19.22-LOG-" + System.nanoTime() % 1_000_000;
        badChannel.put("dossierCode", code);
        badChannel.put("channel", "FAX");

        Answer answer = postJson("/api/v1/dossiers", ONE_STOP_KEY, badChannel.toString());

        assertThat(answer.status()).isEqualTo(400);
        java.util.List<String> lines = output.getAll().lines()
                .filter(l -> l.contains("Refused POST /api/v1/dossiers: 400 VALIDATION_FAILED")).toList();
        assertThat(lines).as(output.getAll()).hasSize(1);
        assertThat(lines.get(0)).contains("INFO").contains("/channel").doesNotContain("ERROR");
        String after = output.getAll().substring(output.getAll().indexOf(lines.get(0)) + lines.get(0).length());
        assertThat(after).as("no stack trace follows").doesNotContain("\tat vn.lienthong", "Exception:");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaViolations")
    void schemaViolationsNameTheField(String name, JsonNode dossier, String pointer) {
        Answer answer = postJson("/api/v1/dossiers", ONE_STOP_KEY, dossier.toString());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.get("errors").findValuesAsText("pointer")).contains(pointer);
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    @Test
    void malformedJsonSaysWhere() {
        Answer answer = postJson("/api/v1/dossiers", ONE_STOP_KEY, "{\"dossierCode\": \"A\",\n \"revision\": }");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("code").asText()).isEqualTo("MALFORMED_REQUEST");
        assertThat(answer.json().get("detail").asText()).contains("line 2");
    }

    @Test
    void duplicateKeysAndTrailingGarbageAreRefused() {
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, "{\"revision\": 1, \"revision\": 2}").status())
                .isEqualTo(400);
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, "{} {}").status()).isEqualTo(400);
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, "[1, 2]").status()).isEqualTo(400);
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, "").status()).isEqualTo(400);
    }

    @Test
    void invalidUtf8AndForeignCharsetsAreRefused() throws Exception {
        byte[] latin1 = valid().toString().replace("Thay đổi", "Caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        Answer wrongBytes = post("/api/v1/dossiers", ONE_STOP_KEY, "application/json", latin1);
        assertThat(wrongBytes.status()).isEqualTo(400);
        assertThat(wrongBytes.json().get("detail").asText()).containsIgnoringCase("UTF-8");

        Answer declared = post("/api/v1/dossiers", ONE_STOP_KEY, "application/json; charset=ISO-8859-1", latin1);
        assertThat(declared.status()).isEqualTo(415);

        Answer xml = post("/api/v1/dossiers", ONE_STOP_KEY, "application/xml", "<dossier/>".getBytes());
        assertThat(xml.status()).isEqualTo(415);
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutHarm() {
        String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        Answer answer = postJson("/api/v1/dossiers", ONE_STOP_KEY, deep);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("code").asText()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void bodyOverTheLimitIs413() {
        byte[] big = new byte[21 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        Answer answer = post("/api/v1/dossiers", ONE_STOP_KEY, "application/json", big);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void unknownProcedureIs422() throws Exception {
        ObjectNode d = valid();
        d.put("procedureCode", "9.999999");
        Answer answer = postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString());
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("code").asText()).isEqualTo("UNKNOWN_PROCEDURE");
        assertThat(answer.json().get("errors").get(0).get("pointer").asText()).isEqualTo("/procedureCode");
    }

    @Test
    void onlyTheOneStopSystemMaySubmitDossiers() throws Exception {
        String body = valid().toString();
        assertThat(postJson("/api/v1/dossiers", null, body).status()).isEqualTo(401);
        Answer wrongKey = postJson("/api/v1/dossiers", "not-a-key-at-all", body);
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.json().get("code").asText()).isEqualTo("UNAUTHENTICATED");
        Answer department = postJson("/api/v1/dossiers", DPI_KEY, body);
        assertThat(department.status()).isEqualTo(403);
        assertThat(department.json().get("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void operatorsReadButCannotSubmitAndNobodyReadsAnonymously() {
        assertThat(get("/api/v1/dossiers/UNKNOWN-1", null, null).status()).isEqualTo(401);
        assertThat(viewerGet("/api/v1/dossiers/UNKNOWN-1").status()).isEqualTo(404);
        assertThat(get("/api/v1/dossiers/UNKNOWN-1", "viewer", "wrong").status()).isEqualTo(401);
        assertThat(get("/actuator/health", null, null).status()).isEqualTo(200);
    }

    @Test
    void statusReportsAreCheckedToo() throws Exception {
        Answer unknownDossier = postJson("/api/v1/dossiers/NO-SUCH-DOSSIER/status", DPI_KEY,
                "{\"dossierCode\":\"NO-SUCH-DOSSIER\",\"system\":\"dpi-business\",\"status\":\"IN_PROGRESS\","
                        + "\"at\":\"2026-11-21T10:00:00+07:00\"}");
        assertThat(unknownDossier.status()).isEqualTo(404);

        Answer badStatus = postJson("/api/v1/dossiers/X/status", DPI_KEY,
                "{\"dossierCode\":\"X\",\"system\":\"dpi-business\",\"status\":\"DONE\",\"at\":\"2026-11-21T10:00:00+07:00\"}");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("errors").findValuesAsText("pointer")).contains("/status");

        Answer pathMismatch = postJson("/api/v1/dossiers/OTHER/status", DPI_KEY,
                "{\"dossierCode\":\"X\",\"system\":\"dpi-business\",\"status\":\"IN_PROGRESS\",\"at\":\"2026-11-21T10:00:00+07:00\"}");
        assertThat(pathMismatch.status()).isEqualTo(400);

        Answer oneStopReporting = postJson("/api/v1/dossiers/X/status", ONE_STOP_KEY, "{}");
        assertThat(oneStopReporting.status()).isEqualTo(403);
    }
}
