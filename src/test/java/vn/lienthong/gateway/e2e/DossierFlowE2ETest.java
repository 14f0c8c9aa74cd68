package vn.lienthong.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.GatewayTestSupport;

/** A dossier walks from the one-stop software to its departments, over their own protocols, and back. */
class DossierFlowE2ETest extends GatewayTestSupport {

    private static final AtomicInteger SEQ = new AtomicInteger();

    /** The sample dossier with a fresh dossier code, so tests sharing the database do not meet. */
    static ObjectNode dossier(String sample) throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(sample("dossiers/" + sample));
        d.put("dossierCode", d.get("dossierCode").asText() + "-T" + SEQ.incrementAndGet() + System.nanoTime() % 100000);
        return d;
    }

    static List<String> callbackStatuses(String code, String system) {
        JsonNode callbacks = get("/sim/one-stop/callbacks?dossierCode=" + code, null, null).json();
        return callbacks.findParents("status").stream().filter(c -> system.equals(c.get("system").asText()))
                .map(c -> c.get("status").asText()).toList();
    }

    @Test
    void singleDepartmentDossierCompletesAndTheOneStopSoftwareHearsEveryStatus() throws Exception {
        ObjectNode d = dossier("business-single.json");
        String code = d.get("dossierCode").asText();

        Answer accepted = postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString());
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("state").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().get("messageId").asText()).isNotBlank();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode view = viewerGet("/api/v1/dossiers/" + code).json();
            assertThat(view.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(view.get("steps")).hasSize(1);
            assertThat(view.get("steps").get(0).get("system").asText()).isEqualTo("dpi-business");
            assertThat(view.get("steps").get(0).get("state").asText()).isEqualTo("COMPLETED");
            assertThat(view.get("steps").get(0).hasNonNull("deliveredAt")).isTrue();
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(callbackStatuses(code, "dpi-business")).containsExactly("IN_PROGRESS", "COMPLETED"));

        // The department received it once, over REST, with the headers of CONTRACT §8.
        JsonNode received = get("/sim/departments/dpi-business/received?dossierCode=" + code, null, null).json();
        assertThat(received.get("count").asInt()).isEqualTo(1);
        assertThat(received.get("received").get(0).get("idempotencyKey").asText()).isNotBlank();

        // The timeline shows every hop in order.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode events = viewerGet("/api/v1/dossiers/" + code).json().get("events");
            List<String> types = events.findValuesAsText("type");
            assertThat(types).containsSubsequence("RECEIVED", "ROUTED", "DELIVERING", "DELIVERED", "STATUS_RECEIVED",
                    "CALLBACK_SENT");
            assertThat(types.stream().filter("STATUS_RECEIVED"::equals)).hasSize(2);
            assertThat(types.stream().filter("CALLBACK_SENT"::equals)).hasSize(2);
            List<String> times = events.findValuesAsText("at");
            assertThat(times).as("the timeline is in time order").isSortedAccordingTo(
                    java.util.Comparator.comparing(java.time.OffsetDateTime::parse));
        });
    }

    @Test
    void operatorsSeeTheFlowInPrometheusMetrics() throws Exception {
        ObjectNode d = dossier("business-single.json");
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Answer metrics = viewerGet("/actuator/prometheus");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("gateway_messages_total{").contains("outcome=\"delivered\"")
                    .contains("system=\"dpi-business\"").contains("gateway_dossiers_overdue");
        });
        assertThat(get("/actuator/prometheus", null, null).status()).isEqualTo(401);
    }

    @Test
    void operatorsSeeTheJdkAndWhetherRequestsRunOnVirtualThreads() {
        JsonNode runtime = viewerGet("/actuator/info").json().get("runtime");
        boolean jdk21 = Runtime.version().feature() >= 21;
        assertThat(runtime.get("java").asText()).isEqualTo(Runtime.version().toString());
        assertThat(runtime.get("virtualThreads").asBoolean()).isEqualTo(jdk21);
        assertThat(runtime.get("requestThreadVirtual").asBoolean()).isEqualTo(jdk21);
    }

    @Test
    void aFinishedStepCannotBeReportedBackIntoProcessing() throws Exception {
        ObjectNode d = dossier("business-single.json");
        String code = d.get("dossierCode").asText();
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "COMPLETED".equals(viewerGet("/api/v1/dossiers/" + code).json().path("state").asText()));

        Answer late = postJson("/api/v1/dossiers/" + code + "/status", DPI_KEY, """
                {"dossierCode": "%s", "system": "dpi-business", "status": "IN_PROGRESS",
                 "at": "2026-11-21T10:00:00+07:00"}""".formatted(code));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("code").asText()).isEqualTo("STATUS_NOT_APPLICABLE");
        assertThat(late.json().get("errors").get(0).get("pointer").asText()).isEqualTo("/status");
        assertThat(late.json().get("detail").asText()).contains("already reported COMPLETED");
        // Handing the result out is still a step forward.
        assertThat(postJson("/api/v1/dossiers/" + code + "/status", DPI_KEY, """
                {"dossierCode": "%s", "system": "dpi-business", "status": "RESULT_RETURNED",
                 "at": "2026-11-21T11:00:00+07:00"}""".formatted(code)).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> callbackStatuses(code, "dpi-business")
                .contains("RESULT_RETURNED"));
        assertThat(viewerGet("/api/v1/dossiers/" + code).json().path("state").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void theSameDossierAgainIsADuplicateAndDifferentContentIsAConflict() throws Exception {
        ObjectNode d = dossier("business-single.json");
        Answer first = postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString());
        assertThat(first.status()).isEqualTo(202);

        // Same content, other formatting: still the same dossier.
        Answer again = postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toPrettyString());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("messageId").asText()).isEqualTo(first.json().get("messageId").asText());

        d.put("summary", "Nội dung khác");
        Answer conflict = postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString());
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.json().get("errors").get(0).get("pointer").asText()).isEqualTo("/revision");

        // After routing, the database answers the duplicate question too.
        String code = d.get("dossierCode").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> viewerGet("/api/v1/dossiers/" + code).status() == 200);
        d.put("summary", first.json().has("x") ? "" : JSON.readTree(sample("dossiers/business-single.json"))
                .get("summary").asText());
        Answer later = postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString());
        assertThat(later.status()).isEqualTo(200);
        assertThat(later.json().get("messageId").asText()).isEqualTo(first.json().get("messageId").asText());
        JsonNode received = get("/sim/departments/dpi-business/received?dossierCode=" + code, null, null).json();
        assertThat(received.get("count").asInt()).isEqualTo(1);
    }

    @Test
    void lienThongDossierWalksTheBoardThenBusinessAndLabourInParallel() throws Exception {
        ObjectNode d = dossier("investment-lienthong.json");
        String code = d.get("dossierCode").asText();
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString()).status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = viewerGet("/api/v1/dossiers/" + code).json();
            assertThat(view.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(view.get("steps").findValuesAsText("state")).containsOnly("COMPLETED");
        });
        JsonNode view = viewerGet("/api/v1/dossiers/" + code).json();
        JsonNode izb = step(view, "izb-investment");
        for (String later : List.of("dpi-business", "dolisa-labour")) {
            JsonNode step = step(view, later);
            assertThat(step.get("after").asText()).isEqualTo("izb-investment");
            // The later steps were only routed once the board had completed.
            assertThat(step.get("routedAt").asText()).isGreaterThanOrEqualTo(izb.get("completedAt").asText()
                    .substring(0, 19));
        }
        // Each department got it over its own protocol: SOAP, REST and a file.
        assertThat(get("/sim/departments/izb-investment/received?dossierCode=" + code, null, null).json()
                .get("count").asInt()).isEqualTo(1);
        assertThat(get("/sim/departments/dpi-business/received?dossierCode=" + code, null, null).json()
                .get("count").asInt()).isEqualTo(1);
        assertThat(get("/sim/departments/dolisa-labour/received?dossierCode=" + code, null, null).json()
                .get("count").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(callbackStatuses(code, "izb-investment")).containsExactly("IN_PROGRESS", "COMPLETED");
            assertThat(callbackStatuses(code, "dpi-business")).containsExactly("IN_PROGRESS", "COMPLETED");
            assertThat(callbackStatuses(code, "dolisa-labour")).containsExactly("IN_PROGRESS", "COMPLETED");
        });
    }

    private static JsonNode step(JsonNode view, String system) {
        for (JsonNode step : view.get("steps")) {
            if (system.equals(step.get("system").asText())) {
                return step;
            }
        }
        throw new AssertionError("no step " + system + " in " + view);
    }
}
