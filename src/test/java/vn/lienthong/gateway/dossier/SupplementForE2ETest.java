package vn.lienthong.gateway.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.GatewayTestSupport;

/**
 * A supplement goes to the step that asked for it: with two steps of one liên thông dossier waiting for a
 * supplement, a revision naming one of them in {@code supplementFor} goes only to it and resumes only its clock.
 */
class SupplementForE2ETest extends GatewayTestSupport {

    private static final String DPI = "dpi-business";
    private static final String DOLISA = "dolisa-labour";
    private static final String DOLISA_KEY = "demo-dolisa-labour-key";

    private static JsonNode view(String code) {
        Answer answer = viewerGet("/api/v1/dossiers/" + code);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode step(JsonNode view, String system) {
        for (JsonNode step : view.get("steps")) {
            if (system.equals(step.get("system").asText())) {
                return step;
            }
        }
        throw new AssertionError("no step " + system + " in " + view);
    }

    private static long routedTo(JsonNode view, String system) {
        return view.get("events").findParents("type").stream().filter(e -> "ROUTED".equals(e.get("type").asText())
                && system.equals(e.path("system").asText())).count();
    }

    private static void askForSupplement(String code, String system, String apiKey, String at) {
        String status = JSON.createObjectNode().put("dossierCode", code).put("system", system)
                .put("status", "SUPPLEMENT_REQUESTED").put("at", at).put("note", "Thiếu giấy tờ").toString();
        Answer answer = postJson("/api/v1/dossiers/" + code + "/status", apiKey, status);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    }

    @Test
    void aRevisionNamingOneWaitingStepGoesOnlyToItAndResumesOnlyItsClock() throws Exception {
        ObjectNode dossier = (ObjectNode) JSON.readTree(sample("dossiers/investment-lienthong.json"));
        String code = "SUP-" + System.nanoTime() % 1_000_000_000;
        dossier.put("dossierCode", code);
        // The board (SOAP simulator) completes its part by itself; the two departments after it must not: business
        // registration refuses this dossier's delivery, the labour department's file simulator is paused.
        simMode(DPI, "reject", code);
        simMode(DOLISA, "down", null);
        try {
            assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, dossier.toString()).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode view = view(code);
                assertThat(step(view, DPI).hasNonNull("startedAt")).isTrue();
                assertThat(step(view, DOLISA).hasNonNull("startedAt")).isTrue();
            });

            // Both departments ask for a supplement.
            String askedAt = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.now(ZoneOffset.ofHours(7))
                    .truncatedTo(ChronoUnit.SECONDS));
            askForSupplement(code, DPI, DPI_KEY, askedAt);
            askForSupplement(code, DOLISA, DOLISA_KEY, askedAt);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode view = view(code);
                assertThat(step(view, DPI).get("state").asText()).isEqualTo("SUPPLEMENT_REQUESTED");
                assertThat(step(view, DOLISA).get("state").asText()).isEqualTo("SUPPLEMENT_REQUESTED");
            });

            // A revision naming a system that is not a step, and a step that is not waiting: 409, each entry named.
            ObjectNode wrong = dossier.deepCopy();
            wrong.put("revision", 2).putArray("supplementFor").add("tnmt-land").add("izb-investment");
            Answer refused = postJson("/api/v1/dossiers", ONE_STOP_KEY, wrong.toString());
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("code").asText()).isEqualTo("SUPPLEMENT_NOT_APPLICABLE");
            JsonNode errors = refused.json().get("errors");
            assertThat(errors.findValuesAsText("pointer")).containsExactly("/supplementFor/0", "/supplementFor/1");
            assertThat(errors.get(0).get("message").asText()).contains("'tnmt-land' is not a step of dossier " + code);
            assertThat(errors.get(1).get("message").asText())
                    .contains("'izb-investment' is not waiting for a supplement").contains("COMPLETED");

            // The one-stop software brings business registration's papers: revision 2 names only dpi-business.
            ObjectNode revision2 = dossier.deepCopy();
            revision2.put("revision", 2).put("summary", "Bổ sung hồ sơ đăng ký doanh nghiệp")
                    .putArray("supplementFor").add(DPI);
            Answer accepted = postJson("/api/v1/dossiers", ONE_STOP_KEY, revision2.toString());
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode view = view(code);
                assertThat(view.get("revision").asInt()).isEqualTo(2);
                assertThat(routedTo(view, DPI)).isEqualTo(2);
                assertThat(step(view, DPI).get("clockPauses").get(0).has("to")).isTrue();
            });
            JsonNode view = view(code);
            // The labour department got nothing new and still waits, its clock stopped; so does the dossier.
            assertThat(routedTo(view, DOLISA)).isEqualTo(1);
            assertThat(step(view, DOLISA).get("state").asText()).isEqualTo("SUPPLEMENT_REQUESTED");
            assertThat(step(view, DOLISA).get("clockPauses")).hasSize(1);
            assertThat(step(view, DOLISA).get("clockPauses").get(0).has("to")).isFalse();
            assertThat(step(view, DOLISA).hasNonNull("clockPausedSince")).isTrue();
            assertThat(step(view, DPI).has("clockPausedSince")).isFalse();
            assertThat(view.get("state").asText()).isEqualTo("SUPPLEMENT_REQUESTED");

            // A revision without supplementFor goes to every step still waiting: here the labour department.
            ObjectNode revision3 = dossier.deepCopy();
            revision3.put("revision", 3).put("summary", "Bổ sung hồ sơ lao động");
            assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, revision3.toString()).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode after = view(code);
                assertThat(routedTo(after, DOLISA)).isEqualTo(2);
                assertThat(routedTo(after, DPI)).isEqualTo(2);
                assertThat(step(after, DOLISA).get("clockPauses").get(0).has("to")).isTrue();
            });
        } finally {
            simMode(DOLISA, "up", null);
        }
    }

    @Test
    void aFirstRevisionCannotAnswerASupplementRequest() throws Exception {
        ObjectNode dossier = (ObjectNode) JSON.readTree(sample("dossiers/business-single.json"));
        String code = "SUP-" + System.nanoTime() % 1_000_000_000;
        dossier.put("dossierCode", code).putArray("supplementFor").add(DPI);
        Answer refused = postJson("/api/v1/dossiers", ONE_STOP_KEY, dossier.toString());
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("errors").findValuesAsText("pointer")).containsExactly("/supplementFor/0");
        assertThat(refused.json().get("errors").get(0).get("message").asText())
                .contains("the gateway has routed no revision of it yet");
        // Nothing was accepted: the same revision without supplementFor is a new dossier, not a duplicate or conflict.
        dossier.remove("supplementFor");
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, dossier.toString()).status()).isEqualTo(202);
    }
}
