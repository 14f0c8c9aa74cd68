package vn.lienthong.gateway.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.GatewayTestSupport;

/**
 * A repeated status is not a redelivery: a department that reports COMPLETED twice with the same time does not
 * make the gateway send the next steps' dossier again, nor call the one-stop software back twice.
 */
class RepeatedStatusE2ETest extends GatewayTestSupport {

    private static final String IZB = "izb-investment";
    private static final String DPI = "dpi-business";
    private static final String DOLISA = "dolisa-labour";

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

    private static long events(JsonNode view, String type, String system) {
        return view.get("events").findParents("type").stream().filter(e -> type.equals(e.get("type").asText())
                && system.equals(e.path("system").asText())).count();
    }

    @Test
    void theSameCompletedTwiceStartsTheNextStepsOnce() throws Exception {
        ObjectNode dossier = (ObjectNode) JSON.readTree(sample("dossiers/investment-lienthong.json"));
        String code = "REP-" + System.nanoTime() % 1_000_000_000;
        dossier.put("dossierCode", code);
        // The steps after the board wait in their queues (ROUTED), where a redelivery would send them again.
        assertThat(operatorPost("/api/v1/systems/" + DPI + "/pause", "{\"reason\":\"test\"}").status()).isEqualTo(200);
        assertThat(operatorPost("/api/v1/systems/" + DOLISA + "/pause", "{\"reason\":\"test\"}").status())
                .isEqualTo(200);
        try {
            assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, dossier.toString()).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode view = view(code);
                assertThat(step(view, IZB).get("state").asText()).isEqualTo("COMPLETED");
                assertThat(events(view, "ROUTED", DPI)).isEqualTo(1);
                assertThat(events(view, "ROUTED", DOLISA)).isEqualTo(1);
            });
            String completedAt = step(view(code), IZB).get("completedAt").asText();

            // The board reports the same COMPLETED again (its software retried), this time by REST.
            String again = JSON.createObjectNode().put("dossierCode", code).put("system", IZB)
                    .put("status", "COMPLETED").put("at", completedAt).toString();
            Answer answer = postJson("/api/v1/dossiers/" + code + "/status", IZB_KEY, again);
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(20)).until(() -> events(view(code), "DUPLICATE", IZB) == 1);
            JsonNode view = view(code);
            assertThat(events(view, "ROUTED", DPI)).as("the business registration's dossier is sent once")
                    .isEqualTo(1);
            assertThat(events(view, "ROUTED", DOLISA)).isEqualTo(1);
            JsonNode callbacks = get("/sim/one-stop/callbacks?dossierCode=" + code, null, null).json();
            long completedCallbacks = callbacks.findParents("status").stream()
                    .filter(c -> "COMPLETED".equals(c.get("status").asText()) && IZB.equals(c.path("system").asText()))
                    .count();
            assertThat(completedCallbacks).as("the one-stop software hears COMPLETED once").isEqualTo(1);
        } finally {
            operatorPost("/api/v1/systems/" + DPI + "/resume", "{\"reason\":\"test over\"}");
            operatorPost("/api/v1/systems/" + DOLISA + "/resume", "{\"reason\":\"test over\"}");
        }
    }
}
