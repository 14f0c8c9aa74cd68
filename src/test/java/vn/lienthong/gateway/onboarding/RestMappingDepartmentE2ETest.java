package vn.lienthong.gateway.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * REST departments with a {@code mapping:} ({@link OnboardingTestSupport}): each receives its stylesheet's output,
 * not the dossier JSON, with the content type of the stylesheet's output method (xml or json), or its JSON
 * template's output as JSON.
 */
class RestMappingDepartmentE2ETest extends OnboardingTestSupport {

    /** What each department received, by dossier code (X-Correlation-Id): content type, then body. */
    static final Map<String, String[]> RECEIVED = new ConcurrentHashMap<>();

    static {
        for (String path : new String[] {"/transport/dossiers", "/health/dossiers", "/traffic/dossiers"}) {
            AGENCY.createContext(path, exchange -> {
                RECEIVED.put(exchange.getRequestHeaders().getFirst("X-Correlation-Id"), new String[] {
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
                answer(exchange, 200, "application/json", "{\"received\":true}");
            });
        }
    }

    private static String[] deliver(String procedureCode, String prefix) {
        Answer accepted = postJson("/api/v1/dossiers", ONE_STOP_KEY, dossier(procedureCode, prefix));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String code = accepted.json().get("dossierCode").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVED.containsKey(code));
        return new String[] {code, RECEIVED.get(code)[0], RECEIVED.get(code)[1]};
    }

    @Test
    void anXmlMappingIsSentAsApplicationXml() {
        String[] received = deliver("9.000003", "CT");
        assertThat(received[1]).startsWith("application/xml");
        assertThat(received[2]).contains("<TiepNhanHoSo", "urn:izb:investment:dossier:1",
                "<MaHoSo>" + received[0] + "</MaHoSo>").doesNotContain("\"dossierCode\"");
    }

    @Test
    void aJsonMappingIsSentAsApplicationJsonInTheDepartmentsShape() throws Exception {
        String[] received = deliver("9.000004", "YT");
        assertThat(received[1]).startsWith("application/json");
        JsonNode body = JSON.readTree(received[2]);
        assertThat(body.path("maHoSo").asText()).isEqualTo(received[0]);
        assertThat(body.path("nguoiNop").asText()).isNotBlank();
        assertThat(body.path("maGiaoDich").asText()).as("the message id reaches the stylesheet").isNotBlank();
        assertThat(body.has("dossierCode")).isFalse();
    }

    @Test
    void aJsonTemplateIsSentAsApplicationJsonInTheDepartmentsShape() throws Exception {
        String[] received = deliver("9.000021", "GT");
        assertThat(received[1]).startsWith("application/json");
        JsonNode body = JSON.readTree(received[2]);
        assertThat(body.path("maHoSo").asText()).isEqualTo(received[0]);
        assertThat(body.path("nguoiNop").path("hoTen").asText()).isNotBlank();
        assertThat(body.path("tepDinhKem").toString()).contains(".");
        assertThat(body.path("maGiaoDich").asText()).as("the message id reaches the template").isNotBlank();
        assertThat(body.has("dossierCode")).isFalse();
    }
}
