package vn.lienthong.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.dossier.IntakeLedger;

/**
 * A dossier accepted just before the gateway stopped still waits in the intake queue when it starts again.
 * The intake must still know it: a resubmission with other content gets 409, with the same content 200,
 * and the department receives the dossier once.
 */
class IntakeAfterRestartE2ETest extends GatewayTestSupport {

    private static final String ROUTING = "one-stop-in-route";

    @Autowired
    CamelContext camel;
    @Autowired
    IntakeLedger ledger;

    @Test
    void dossiersStillWaitingToBeRoutedAreKnownAfterARestart() throws Exception {
        ObjectNode d = DossierFlowE2ETest.dossier("business-single.json");
        String code = d.get("dossierCode").asText();
        camel.getRouteController().stopRoute(ROUTING);
        try {
            Answer first = postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString());
            assertThat(first.status()).isEqualTo(202);
            String messageId = first.json().get("messageId").asText();

            // The gateway stops: what it held in memory is gone, and the database has not seen the dossier.
            ledger.stop();
            assertThat(ledger.find(code, 1)).isEmpty();
            // It starts again on the same broker.
            ledger.start();

            ObjectNode changed = d.deepCopy().put("summary", "Nội dung khác");
            Answer conflict = postJson("/api/v1/dossiers", ONE_STOP_KEY, changed.toString());
            assertThat(conflict.status()).isEqualTo(409);
            assertThat(conflict.json().get("errors").get(0).get("pointer").asText()).isEqualTo("/revision");
            Answer again = postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toPrettyString());
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("messageId").asText()).isEqualTo(messageId);
        } finally {
            camel.getRouteController().startRoute(ROUTING);
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(viewerGet("/api/v1/dossiers/" + code).json().path("state").asText()).isEqualTo("COMPLETED"));
        assertThat(get("/sim/departments/dpi-business/received?dossierCode=" + code, null, null).json()
                .get("count").asInt()).isEqualTo(1);
    }
}
