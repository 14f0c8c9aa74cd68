package vn.lienthong.gateway.delivery;

import org.apache.camel.Exchange;

/** Names of the JMS properties and exchange properties that carry a message's identity between hops. */
public final class DeliveryHeaders {

    public static final String MESSAGE_ID = "GatewayMessageId";
    public static final String FLOW = "GatewayFlow";
    public static final String SYSTEM = "GatewaySystem";
    public static final String CORRELATION_ID = "GatewayCorrelationId";
    /** 1 for the first delivery attempt, incremented by each scheduled retry. */
    public static final String ATTEMPT = "GatewayAttempt";
    /** Set on a message an operator replayed from a dead letter. */
    public static final String REPLAY_OF = "GatewayReplayOf";
    /** JMS message groups keep per-dossier order across concurrent consumers. */
    public static final String GROUP = "JMSXGroupID";

    /** Exchange property keeping the payload as it came off the queue, whatever a sink does to the body. */
    public static final String PAYLOAD_PROPERTY = "GatewayPayload";
    /** Exchange property naming the queue a prepared dispatch goes to. */
    public static final String QUEUE_PROPERTY = "gatewayQueue";

    /** Set on a message that was queued up behind a hold of its dossier (it keeps its turn when the hold drains). */
    public static final String PARKED = "GatewayParked";

    private static final String[] IDENTITY = {MESSAGE_ID, FLOW, SYSTEM, CORRELATION_ID, GROUP, ATTEMPT, REPLAY_OF,
            PARKED};

    private DeliveryHeaders() {
    }

    public static String deliveryQueue(String system) {
        return "gateway.delivery." + system;
    }

    /** Copies the identity headers into exchange properties, where they survive a sink that clears headers. */
    public static void keepAsProperties(Exchange exchange) {
        for (String name : IDENTITY) {
            exchange.setProperty(name, exchange.getIn().getHeader(name));
        }
        exchange.setProperty(PAYLOAD_PROPERTY, exchange.getIn().getBody(String.class));
    }

    /** The identity of the message on {@code exchange} as JMS properties, for sending it again. */
    public static java.util.Map<String, Object> jmsProperties(Exchange exchange) {
        java.util.Map<String, Object> properties = new java.util.HashMap<>();
        for (String name : IDENTITY) {
            String value = get(exchange, name);
            if (value != null) {
                properties.put(name, value);
            }
        }
        properties.put(ATTEMPT, attempt(exchange));
        String replayOf = get(exchange, REPLAY_OF);
        if (replayOf != null) {
            properties.put(REPLAY_OF, replayOf);
        }
        return properties;
    }

    /** The ordering group of the message: its JMS group, which is its business key. */
    public static String group(Exchange exchange) {
        String group = get(exchange, GROUP);
        return group != null ? group : get(exchange, CORRELATION_ID);
    }

    /** The attempt number of the message on {@code exchange}, 1 when it was never retried. */
    public static int attempt(Exchange exchange) {
        String value = get(exchange, ATTEMPT);
        return value == null ? 1 : Integer.parseInt(value);
    }

    /** A gateway identity value: the exchange property if set, else the header. */
    public static String get(Exchange exchange, String name) {
        return vn.lienthong.gateway.support.ExchangeValues.get(exchange, name);
    }

    /** Puts a dispatch's identity on the exchange's headers and its payload in the body, ready for JMS. */
    public static void apply(Dispatch dispatch, Exchange exchange) {
        var in = exchange.getIn();
        in.removeHeaders("*");
        in.setHeader(MESSAGE_ID, dispatch.messageId());
        in.setHeader(FLOW, dispatch.flow());
        in.setHeader(SYSTEM, dispatch.system());
        in.setHeader(CORRELATION_ID, dispatch.correlationId());
        in.setHeader(GROUP, dispatch.correlationId());
        exchange.setProperty(QUEUE_PROPERTY, dispatch.queue());
        in.setBody(dispatch.body());
    }
}
