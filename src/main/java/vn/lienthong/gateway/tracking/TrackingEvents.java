package vn.lienthong.gateway.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.lienthong.gateway.support.ExchangeValues;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes tracking events to the broker. Called inside a transacted route, the send joins that
 * route's JMS transaction: the event is committed with the message, at no extra disk sync.
 */
@Component
public class TrackingEvents {

    /** The queue the batched writer drains. */
    public static final String QUEUE = "gateway.events";
    /** The exchange property holding the fingerprint of the message its events are about. */
    static final String PAYLOAD_SHA256 = "GatewayPayloadSha256";

    private final JmsTemplate jms;
    private final ObjectMapper mapper;

    public TrackingEvents(JmsTemplate jms, ObjectMapper mapper) {
        this.jms = jms;
        this.mapper = mapper;
    }

    /**
     * Publishes an event about the message on {@code exchange}, read from its gateway headers; for routes.
     *
     * @param type   an {@link EventType} name
     * @param detail what to say, or {@code null}
     */
    public void record(org.apache.camel.Exchange exchange, String type, String detail) {
        String attempt = ExchangeValues.get(exchange, "GatewayAttempt");
        publish(TrackingEvent.now(EventType.valueOf(type), ExchangeValues.get(exchange, "GatewayFlow"),
                ExchangeValues.get(exchange, "GatewaySystem"), ExchangeValues.get(exchange, "GatewayMessageId"),
                ExchangeValues.get(exchange, "GatewayCorrelationId"), attempt == null ? null : Integer.valueOf(attempt),
                fingerprint(exchange), detail));
    }

    /**
     * The SHA-256 of the message the exchange carries, taken the first time an event is recorded for it and kept:
     * the events of one delivery (DELIVERING, then DELIVERED, RETRYING or DEAD_LETTERED) name the message that
     * was delivered, not the target's answer that the body holds by then (which also spared converting a SOAP
     * answer to text for nothing, docs/benchmarks.md).
     */
    private static String fingerprint(org.apache.camel.Exchange exchange) {
        String kept = exchange.getProperty(PAYLOAD_SHA256, String.class);
        if (kept != null) {
            return kept;
        }
        String body = exchange.getIn().getBody(String.class);
        if (body == null) {
            return null;
        }
        String hash = vn.lienthong.gateway.support.Sha256.hex(body);
        exchange.setProperty(PAYLOAD_SHA256, hash);
        return hash;
    }

    public void publish(TrackingEvent event) {
        final String json;
        try {
            json = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tracking event could not be serialised: " + event, e);
        }
        // Counted once stored (MessageMetrics), not here: this send may still roll back with the caller's hop.
        jms.send(QUEUE, session -> session.createTextMessage(json));
    }
}
