package vn.lienthong.gateway.delivery;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.tracking.TrackingEvents;

/** Turns a message the broker dead-lettered (the gateway failed on it at every redelivery) into a dead letter. */
@Component("brokerDeadLetters")
public class BrokerDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(BrokerDeadLetters.class);

    private final DeadLetters deadLetters;
    private final TrackingEvents events;
    private final DeliveryHolds holds;

    public BrokerDeadLetters(DeadLetters deadLetters, TrackingEvents events, DeliveryHolds holds) {
        this.deadLetters = deadLetters;
        this.events = events;
        this.holds = holds;
    }

    public void record(Exchange exchange) {
        var in = exchange.getIn();
        String queue = firstNonNull(in.getHeader("_AMQ_ORIG_ADDRESS", String.class),
                in.getHeader("_AMQ_ORIG_QUEUE", String.class), "unknown");
        String system = firstNonNull(in.getHeader(DeliveryHeaders.SYSTEM, String.class), "gateway");
        String flow = firstNonNull(in.getHeader(DeliveryHeaders.FLOW, String.class), "unknown");
        String messageId = firstNonNull(in.getHeader(DeliveryHeaders.MESSAGE_ID, String.class),
                in.getMessageId());
        Integer attempts = in.getHeader("JMSXDeliveryCount", Integer.class);
        String id = deadLetters.record(messageId, in.getHeader(DeliveryHeaders.CORRELATION_ID, String.class), system,
                flow, queue, attempts == null ? 0 : attempts, null, ErrorCode.INTERNAL_ERROR.name(),
                "The gateway failed on this message at every redelivery from " + queue
                        + "; see the gateway log for the stack trace, fix the cause, then replay",
                in.getBody(String.class));
        String group = in.getHeader(DeliveryHeaders.GROUP, String.class);
        if (group != null) {
            // A retry this message scheduled may have left a hold: later messages of its dossier must not wait on it.
            holds.release(system, group, messageId);
        }
        events.record(exchange, "DEAD_LETTERED", "INTERNAL_ERROR on " + queue + " (dead letter " + id + ")");
        log.error("Message {} from {} was dead-lettered by the broker as {}", messageId, queue, id);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
