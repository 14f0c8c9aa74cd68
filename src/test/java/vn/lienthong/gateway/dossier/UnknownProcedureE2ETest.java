package vn.lienthong.gateway.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.delivery.DeliveryHeaders;

/**
 * A dossier whose procedure was removed from the configuration after it was accepted becomes an
 * UNKNOWN_PROCEDURE dead letter on the first attempt (not after ten broker redeliveries as INTERNAL_ERROR), and an
 * operator can replay it.
 */
class UnknownProcedureE2ETest extends GatewayTestSupport {

    @Autowired
    JmsTemplate jms;

    @Test
    void aDossierWhoseProcedureWasRemovedIsAnUnknownProcedureDeadLetterAtOnceAndCanBeReplayed() throws Exception {
        ObjectNode dossier = (ObjectNode) JSON.readTree(sample("dossiers/business-single.json"));
        String code = "GONE-" + System.nanoTime() % 1_000_000_000;
        dossier.put("dossierCode", code).put("procedureCode", "9.999999");
        String messageId = UUID.randomUUID().toString();
        // Accepted while 9.999999 was configured: it waits in the intake queue when the gateway restarts without it.
        jms.convertAndSend("gateway.dossier.received", dossier.toString(), m -> {
            m.setStringProperty(DeliveryHeaders.MESSAGE_ID, messageId);
            m.setStringProperty(DeliveryHeaders.FLOW, "dossier");
            m.setStringProperty(DeliveryHeaders.SYSTEM, "one-stop");
            m.setStringProperty(DeliveryHeaders.CORRELATION_ID, code);
            m.setStringProperty(DeliveryHeaders.GROUP, code);
            return m;
        });

        JsonNode[] letter = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            letter[0] = null;
            for (JsonNode d : viewerGet("/api/v1/dead-letters?system=one-stop&flow=dossier").json()) {
                if (messageId.equals(d.get("messageId").asText())) {
                    letter[0] = d;
                }
            }
            assertThat(letter[0]).isNotNull();
        });
        assertThat(letter[0].get("errorCode").asText()).isEqualTo("UNKNOWN_PROCEDURE");
        assertThat(letter[0].get("attempts").asInt()).isEqualTo(1);
        assertThat(letter[0].get("errorMessage").asText()).contains("9.999999").contains("replay");

        // The procedure is back (here: the operator corrects the dossier to a configured one) and it is replayed.
        dossier.put("procedureCode", "2.000001");
        Answer replayed = operatorPost("/api/v1/dead-letters/" + letter[0].get("id").asText() + "/replay",
                dossier.toString());
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Answer view = viewerGet("/api/v1/dossiers/" + code);
            assertThat(view.status()).isEqualTo(200);
            assertThat(view.json().get("steps").findValuesAsText("system")).containsExactly("dpi-business");
        });
    }
}
