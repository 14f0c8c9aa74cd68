package vn.lienthong.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.GatewayTestSupport;

/**
 * Order per dossier holds across a hold: a message that waited for a retry while its system was paused, or while
 * its circuit was open, had later messages of its dossier parked behind it; once it goes, those parked messages
 * still go before any newer message of the same dossier. Against the real broker (the parked messages are
 * scheduled broker messages) and database, on a system no route consumes so every step is the test's.
 */
class OrderAcrossHoldE2ETest extends GatewayTestSupport {

    @Autowired
    CamelContext camel;
    @Autowired
    DeliveryTracker tracker;
    @Autowired
    DeliveryFailures failures;
    @Autowired
    DeliveryHolds holds;
    @Autowired
    SystemControl control;

    private Exchange message(String system, String dossier, String messageId, boolean parked) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody("{\"dossierCode\":\"" + dossier + "\"}");
        exchange.getIn().setHeader(DeliveryHeaders.MESSAGE_ID, messageId);
        exchange.getIn().setHeader(DeliveryHeaders.SYSTEM, system);
        exchange.getIn().setHeader(DeliveryHeaders.FLOW, "dossier");
        exchange.getIn().setHeader(DeliveryHeaders.CORRELATION_ID, dossier);
        exchange.getIn().setHeader(DeliveryHeaders.GROUP, dossier);
        if (parked) {
            exchange.getIn().setHeader(DeliveryHeaders.PARKED, "true");
        }
        return exchange;
    }

    /** Whether the message may go to the target now (false: it was queued up behind the dossier's hold). */
    private boolean mayGo(Exchange exchange) {
        tracker.begin(exchange);
        return !exchange.isRouteStop();
    }

    private void failWhileHeld(String system, String dossier, String messageId) {
        Exchange first = message(system, dossier, messageId, false);
        DeliveryHeaders.keepAsProperties(first);
        first.setProperty(Exchange.EXCEPTION_CAUGHT, new java.net.ConnectException("refused"));
        failures.handle(first);
        assertThat(holds.find(system, dossier)).as("the failed message holds its dossier").isPresent();
    }

    private void parkedMessagesGoBeforeANewerOne(String system, String dossier, String first) {
        String second = "second-" + UUID.randomUUID();
        assertThat(mayGo(message(system, dossier, second, false))).as("parked behind the waiting message").isFalse();

        // The waiting message goes (the system is back); the second is still on its way back from the broker.
        Exchange retried = message(system, dossier, first, false);
        assertThat(mayGo(retried)).isTrue();
        tracker.delivered(retried);

        String third = "third-" + UUID.randomUUID();
        assertThat(mayGo(message(system, dossier, third, false)))
                .as("a newer message of the dossier does not overtake the one parked during the hold").isFalse();
        assertThat(mayGo(message(system, dossier, second, true))).as("the parked message keeps its turn").isTrue();
    }

    @Test
    void afterAPauseTheMessagesParkedDuringItGoBeforeANewerOne() {
        String system = "order-paused-" + UUID.randomUUID().toString().substring(0, 8);
        String dossier = "ORD-" + UUID.randomUUID().toString().substring(0, 8);
        String first = "first-" + UUID.randomUUID();
        control.setPaused(system, true, "operator", "maintenance");
        try {
            failWhileHeld(system, dossier, first);
            control.setPaused(system, false, "operator", "maintenance over");
            parkedMessagesGoBeforeANewerOne(system, dossier, first);
        } finally {
            control.setPaused(system, false, "operator", "test over");
        }
    }

    @Test
    void afterAnOpenCircuitTheMessagesParkedDuringItGoBeforeANewerOne() {
        String system = "order-circuit-" + UUID.randomUUID().toString().substring(0, 8);
        String dossier = "ORD-" + UUID.randomUUID().toString().substring(0, 8);
        String first = "first-" + UUID.randomUUID();
        try {
            while (control.state(system).circuit() != SystemControl.Circuit.OPEN) {
                control.recordFailure(system);
            }
            failWhileHeld(system, dossier, first);
            parkedMessagesGoBeforeANewerOne(system, dossier, first);
        } finally {
            control.recordSuccess(system);
        }
    }
}
