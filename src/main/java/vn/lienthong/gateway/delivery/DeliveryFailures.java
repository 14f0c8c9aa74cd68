package vn.lienthong.gateway.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.DeliveryPolicy;
import vn.lienthong.gateway.error.FailureClassifier;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.tracking.TrackingEvents;

/**
 * What happens when a delivery attempt fails (declared once, in {@code routes/delivery/delivery-errors.yaml}):
 * a transient failure is retried later by a scheduled message, with the system's exponential backoff,
 * until its attempts run out; a permanent one, or the last attempt, becomes a dead letter at once.
 */
@Component("deliveryFailures")
public class DeliveryFailures {

    private static final Logger log = LoggerFactory.getLogger(DeliveryFailures.class);

    private final Catalog catalog;
    private final DeliveryScheduler scheduler;
    private final DeliveryHolds holds;
    private final DeadLetters deadLetters;
    private final SystemControl control;
    private final TrackingEvents events;
    private final List<DeliveryListener> listeners;

    public DeliveryFailures(Catalog catalog, DeliveryScheduler scheduler, DeliveryHolds holds, DeadLetters deadLetters,
                            SystemControl control, TrackingEvents events, List<DeliveryListener> listeners) {
        this.catalog = catalog;
        this.scheduler = scheduler;
        this.holds = holds;
        this.deadLetters = deadLetters;
        this.control = control;
        this.events = events;
        this.listeners = listeners;
    }

    public void handle(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        GatewayException failure = FailureClassifier.classify(cause);
        String system = DeliveryHeaders.get(exchange, DeliveryHeaders.SYSTEM);
        String flow = DeliveryHeaders.get(exchange, DeliveryHeaders.FLOW);
        String key = DeliveryHeaders.get(exchange, DeliveryHeaders.CORRELATION_ID);
        String group = DeliveryHeaders.group(exchange);
        String messageId = DeliveryHeaders.get(exchange, DeliveryHeaders.MESSAGE_ID);
        int attempt = DeliveryHeaders.attempt(exchange);
        DeliveryPolicy policy = catalog.system(system).map(s -> s.delivery()).orElse(DeliveryPolicy.DEFAULT);
        String payload = exchange.getProperty(DeliveryHeaders.PAYLOAD_PROPERTY, String.class);
        // The event describes the message as it was, not whatever a sink left in the body.
        exchange.getIn().setBody(payload);
        String reason = failure.code() + ": " + failure.getMessage();

        // Held already (circuit open, or paused) but still in flight while the route is being suspended: the
        // system was not really given this attempt, so it is not counted and it cannot exhaust the message.
        boolean held = failure.isTransient() && control.isHeld(system);
        if (failure.isTransient() && !held) {
            control.recordFailure(system);
        }
        if (failure.isTransient() && (held || attempt < policy.maxAttempts())) {
            Duration delay = policy.delayBeforeRetry(attempt);
            OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plus(delay);
            Map<String, Object> properties = DeliveryHeaders.jmsProperties(exchange);
            properties.put(DeliveryHeaders.ATTEMPT, held ? attempt : attempt + 1);
            if (group != null) {
                holds.hold(system, group, messageId, due);
            }
            scheduler.sendLater(DeliveryHeaders.deliveryQueue(system), payload, properties, delay);
            listeners.forEach(l -> l.retrying(flow, key, system));
            events.record(exchange, "RETRYING", (held ? "failed while " + system + " is held (circuit open or"
                    + " paused), not counted as an attempt, " : "attempt " + attempt + " of " + policy.maxAttempts()
                    + " failed, ") + reason + "; next attempt in " + delay.toMillis() + " ms");
            log.info("Delivery of {} to {} failed (attempt {}/{}): {}; retry in {} ms", messageId, system, attempt,
                    policy.maxAttempts(), reason, delay.toMillis());
            return;
        }
        OffsetDateTime firstFailure = group == null ? null
                : holds.find(system, group).filter(h -> h.messageId().equals(messageId))
                .map(DeliveryHolds.Hold::firstFailureAt).orElse(null);
        String id = deadLetters.record(messageId, key, system, flow, DeliveryHeaders.deliveryQueue(system), attempt,
                firstFailure, failure.code().name(), failure.getMessage(), payload);
        if (group != null) {
            holds.release(system, group, messageId);
        }
        listeners.forEach(l -> l.deadLettered(flow, key, system));
        events.record(exchange, "DEAD_LETTERED", (failure.isTransient() ? "gave up after " + attempt
                + " attempts, " : "permanent failure, ") + reason + " (dead letter " + id + ")");
        log.warn("Message {} to {} dead-lettered as {} after {} attempt(s): {}", messageId, system, id, attempt,
                reason);
    }
}
