package vn.lienthong.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.GatewayTestSupport;

/**
 * Reliable delivery against the real simulators and broker: retries that survive nothing but time,
 * dead letters an operator can replay or discard, a poison message that blocks nobody, and pauses
 * and open circuits that spend no attempts.
 */
class ReliableDeliveryE2ETest extends GatewayTestSupport {

    private static final String DPI = "dpi-business";
    /** How long a paused system is watched: longer than dpi-business's first three retry periods (1 + 2 + 4 s). */
    private static final Duration PAUSE_WINDOW = Duration.ofSeconds(8);

    @AfterEach
    void everythingBackUp() {
        simMode(DPI, "up", null);
        operatorPost("/api/v1/systems/" + DPI + "/resume", "{}");
    }

    private static String submit() throws Exception {
        ObjectNode d = DossierFlowE2ETest.dossier("business-single.json");
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString()).status()).isEqualTo(202);
        return d.get("dossierCode").asText();
    }

    /** The delivery message of a dossier to dpi-business, once its events are stored. */
    private static JsonNode delivery(String code) {
        JsonNode items = viewerGet("/api/v1/messages?correlationId=" + code + "&system=" + DPI + "&flow=dossier")
                .json().get("items");
        return items.size() == 0 ? null : items.get(0);
    }

    private static String deliveryState(String code) {
        JsonNode m = delivery(code);
        return m == null ? null : m.get("state").asText();
    }

    /** Whether every one of these dossiers' deliveries to dpi-business is still waiting, untouched, in the broker. */
    private static boolean allRouted(List<String> codes) {
        return codes.stream().allMatch(code -> "ROUTED".equals(deliveryState(code)));
    }

    private static int simAttempts() {
        return get("/sim/departments/" + DPI + "/received", null, null).json().get("attempts").asInt();
    }

    /** The one audit entry of {@code action} on dead letter {@code id}. */
    private static JsonNode auditOf(String action, String id) {
        List<JsonNode> entries = viewerGet("/api/v1/audit").json().findParents("action").stream()
                .filter(a -> a.get("action").asText().equals(action) && a.get("target").asText().endsWith(id))
                .toList();
        assertThat(entries).as(action + " of " + id + " in the audit log").hasSize(1);
        return entries.get(0);
    }

    private static JsonNode deadLetterOf(String code) {
        for (JsonNode d : viewerGet("/api/v1/dead-letters?system=" + DPI).json()) {
            if (code.equals(d.get("correlationId").asText())) {
                return d;
            }
        }
        return null;
    }

    @Test
    void aTargetThatIsDownIsRetriedAndGetsTheDossierWhenItComesBack() throws Exception {
        simMode(DPI, "down", null);
        String code = submit();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode m = delivery(code);
            assertThat(m).isNotNull();
            assertThat(m.get("state").asText()).isEqualTo("RETRYING");
            assertThat(m.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(m.get("lastDetail").asText()).contains("TARGET_UNAVAILABLE").contains("503");
        });
        simMode(DPI, "up", null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode m = delivery(code);
            assertThat(m.get("state").asText()).isEqualTo("DELIVERED");
            assertThat(m.get("attempts").asInt()).isGreaterThanOrEqualTo(3);
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> viewerGet("/api/v1/dossiers/" + code).json()
                .get("state").asText().equals("COMPLETED"));
        JsonNode hops = viewerGet("/api/v1/messages/" + delivery(code).get("messageId").asText()).json().get("events");
        assertThat(hops.findValuesAsText("type")).containsSubsequence("ROUTED", "DELIVERING", "RETRYING",
                "DELIVERING", "DELIVERED");
    }

    @Test
    void aRejectedDossierIsDeadLetteredAtOnceAndAReplayAfterTheFixDeliversItOnce() throws Exception {
        String code = "REJ-" + System.nanoTime();
        simMode(DPI, "reject", code);
        ObjectNode d = DossierFlowE2ETest.dossier("business-single.json");
        d.put("dossierCode", code);
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString()).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetterOf(code) != null);
        JsonNode letter = deadLetterOf(code);
        assertThat(letter.get("attempts").asInt()).isEqualTo(1);
        assertThat(letter.get("errorCode").asText()).isEqualTo("TARGET_REJECTED");
        assertThat(letter.get("errorMessage").asText()).contains("422");
        assertThat(letter.get("flow").asText()).isEqualTo("dossier");
        await().atMost(Duration.ofSeconds(10)).until(() -> "DEAD_LETTERED".equals(deliveryState(code)));
        JsonNode detail = viewerGet("/api/v1/dead-letters/" + letter.get("id").asText()).json();
        assertThat(detail.get("payload").asText()).contains(code);

        String id = letter.get("id").asText();
        Answer viewerReplay = postAs("viewer", "viewer-demo", "/api/v1/dead-letters/" + id + "/replay", null);
        assertThat(viewerReplay.status()).isEqualTo(403);

        simMode(DPI, "up", code);
        Answer replayed = operatorPost("/api/v1/dead-letters/" + id + "/replay", null);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().get("state").asText()).isEqualTo("REPLAYED");
        await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(deliveryState(code)));
        JsonNode received = get("/sim/departments/" + DPI + "/received?dossierCode=" + code, null, null).json();
        assertThat(received.get("count").asInt()).isEqualTo(1);
        assertThat(received.get("received").get(0).get("idempotencyKey").asText())
                .isEqualTo(letter.get("messageId").asText());

        // Replaying twice is refused: the dead letter is no longer open.
        assertThat(operatorPost("/api/v1/dead-letters/" + id + "/replay", null).status()).isEqualTo(409);
        assertThat(auditOf("REPLAY", id).get("actor").asText()).isEqualTo("operator");
    }

    @Test
    void discardingADeadLetterNeedsAReasonAndIsAudited() throws Exception {
        String code = "DIS-" + System.nanoTime();
        simMode(DPI, "reject", code);
        ObjectNode d = DossierFlowE2ETest.dossier("business-single.json");
        d.put("dossierCode", code);
        postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString());
        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetterOf(code) != null);
        String id = deadLetterOf(code).get("id").asText();

        Answer noReason = operatorPost("/api/v1/dead-letters/" + id + "/discard", "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errors").get(0).get("pointer").asText()).isEqualTo("/reason");

        Answer discarded = operatorPost("/api/v1/dead-letters/" + id + "/discard",
                "{\"reason\":\"Hồ sơ đã được nộp lại bằng hồ sơ mới\"}");
        assertThat(discarded.status()).isEqualTo(200);
        assertThat(discarded.json().get("state").asText()).isEqualTo("DISCARDED");
        assertThat(deadLetterOf(code)).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> "DISCARDED".equals(deliveryState(code)));
        assertThat(auditOf("DISCARD", id).get("reason").asText()).contains("nộp lại");
    }

    @Test
    void onePoisonMessageDoesNotDelayTheHundredBehindIt() throws Exception {
        String poison = "POISON-" + System.nanoTime();
        simMode(DPI, "down", poison);
        ObjectNode p = DossierFlowE2ETest.dossier("business-single.json");
        p.put("dossierCode", poison);
        postJson("/api/v1/dossiers", ONE_STOP_KEY, p.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> "RETRYING".equals(deliveryState(poison)));

        List<String> good = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            good.add(submit());
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String code : good) {
                assertThat(deliveryState(code)).as(code).isEqualTo("DELIVERED");
            }
        });
        // Meanwhile the poison kept failing on its own schedule (or has used up its attempts on a slow machine).
        assertThat(deliveryState(poison)).isNotEqualTo("DELIVERED");
        assertThat(delivery(poison).get("attempts").asInt()).isGreaterThanOrEqualTo(2);
        simMode(DPI, "up", poison);
    }

    @Test
    void aPausedSystemSpendsNoAttemptsAndGetsEverythingAfterResume() throws Exception {
        Answer paused = operatorPost("/api/v1/systems/" + DPI + "/pause", "{\"reason\":\"bảo trì định kỳ\"}");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().get("paused").asBoolean()).isTrue();
        assertThat(postAs("viewer", "viewer-demo", "/api/v1/systems/" + DPI + "/resume", "{}").status())
                .isEqualTo(403);
        // Let the pause take hold before counting.
        await().atMost(Duration.ofSeconds(5)).until(() -> !systemView(DPI).get("delivering").asBoolean());
        int before = simAttempts();
        List<String> codes = new ArrayList<>(List.of(submit(), submit(), submit()));

        // Planned maintenance: nothing reaches the target, and the delivery route does not even take the messages
        // (a taken message shows DELIVERING, or RETRYING when it fails while held): they stay ROUTED in the broker.
        // Only a taken message can time out, be retried or be given up (DeliveryFailures), so this also shows that
        // none is. Each wait covers dpi-business's first three retry periods (1 s, 2 s, 4 s): were the messages
        // taken and retried, it would show. Dossiers that arrive meanwhile wait with the others.
        await().atMost(Duration.ofSeconds(10)).until(() -> allRouted(codes));
        await().during(PAUSE_WINDOW).atMost(PAUSE_WINDOW.plusSeconds(5))
                .until(() -> simAttempts() == before && allRouted(codes));
        codes.add(submit());
        await().atMost(Duration.ofSeconds(10)).until(() -> allRouted(codes));
        await().during(PAUSE_WINDOW).atMost(PAUSE_WINDOW.plusSeconds(5))
                .until(() -> simAttempts() == before && allRouted(codes));
        assertThat(systemView(DPI).get("queueDepth").asInt()).isGreaterThanOrEqualTo(4);
        // One system's maintenance is not the gateway's: it stays ready for everything else.
        assertThat(get("/actuator/health", null, null).body()).contains("\"status\":\"UP\"");
        for (String code : codes) {
            assertThat(deliveryState(code)).isNotIn("DEAD_LETTERED", "DELIVERED");
        }

        assertThat(operatorPost("/api/v1/systems/" + DPI + "/resume", "{}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String code : codes) {
                assertThat(deliveryState(code)).isEqualTo("DELIVERED");
                assertThat(delivery(code).get("attempts").asInt()).isEqualTo(1);
            }
        });
        assertThat(viewerGet("/api/v1/audit").json().findValuesAsText("action")).contains("PAUSE", "RESUME");
    }

    @Test
    void repeatedFailuresOpenTheCircuitWhichHoldsMessagesUntilAProbeSucceeds() throws Exception {
        simMode(DPI, "down", null);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            codes.add(submit());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> systemView(DPI).get("circuit").asText().equals("OPEN")
                && !systemView(DPI).get("delivering").asBoolean());
        assertThat(systemView(DPI).get("health").asText()).isEqualTo("DOWN");
        assertThat(get("/actuator/health", null, null).status()).as("the gateway itself stays ready").isEqualTo(200);
        int whileOpen = simAttempts();
        // Probes see 503 and keep the circuit open: no delivery attempt reaches the target meanwhile.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> simAttempts() == whileOpen);

        simMode(DPI, "up", null);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            for (String code : codes) {
                assertThat(deliveryState(code)).isEqualTo("DELIVERED");
            }
        });
        assertThat(systemView(DPI).get("circuit").asText()).isEqualTo("CLOSED");
    }

    private static JsonNode systemView(String id) {
        for (JsonNode s : viewerGet("/api/v1/systems").json()) {
            if (id.equals(s.get("id").asText())) {
                return s;
            }
        }
        throw new AssertionError("no system " + id);
    }
}
