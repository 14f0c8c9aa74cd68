package vn.lienthong.gateway.delivery;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.tracking.TrackingEvents;

/**
 * The start and the success of a delivery hop: keeps per-dossier order (a message queues up behind an
 * earlier one of its dossier that waits for a retry), records the attempt, and closes holds and circuits.
 */
@Component("deliveryTracker")
public class DeliveryTracker {

    /** Spacing between messages queued behind the same hold, so they come back in their order. */
    private static final Duration PARK_SPACING = Duration.ofMillis(20);
    /** How late the broker may hand over a scheduled message; a drain ends only after it. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    private final TrackingEvents events;
    private final List<DeliveryListener> listeners;
    private final DeliveryHolds holds;
    private final DeliveryScheduler scheduler;
    private final SystemControl control;

    public DeliveryTracker(TrackingEvents events, List<DeliveryListener> listeners, DeliveryHolds holds,
                           DeliveryScheduler scheduler, SystemControl control) {
        this.events = events;
        this.listeners = listeners;
        this.holds = holds;
        this.scheduler = scheduler;
        this.control = control;
    }

    /** Called first in a delivery route: keeps the identity, waits behind an earlier message, says DELIVERING. */
    public void begin(Exchange exchange) {
        DeliveryHeaders.keepAsProperties(exchange);
        String system = DeliveryHeaders.get(exchange, DeliveryHeaders.SYSTEM);
        String group = DeliveryHeaders.group(exchange);
        String messageId = DeliveryHeaders.get(exchange, DeliveryHeaders.MESSAGE_ID);
        if (group != null) {
            Optional<DeliveryHolds.Hold> hold = holds.find(system, group);
            if (hold.isPresent() && hold.get().draining()) {
                boolean parked = "true".equals(DeliveryHeaders.get(exchange, DeliveryHeaders.PARKED));
                if (OffsetDateTime.now(ZoneOffset.UTC).isAfter(hold.get().releaseAt().plus(DRAIN_GRACE))) {
                    holds.endDrain(system, group);
                } else if (!parked) {
                    // Newer than the messages parked during the hold: it goes after them, whatever held them.
                    park(exchange, system, group, hold.get());
                    return;
                }
            } else if (hold.isPresent() && !hold.get().messageId().equals(messageId)) {
                park(exchange, system, group, hold.get());
                return;
            }
        }
        String flow = DeliveryHeaders.get(exchange, DeliveryHeaders.FLOW);
        String key = DeliveryHeaders.get(exchange, DeliveryHeaders.CORRELATION_ID);
        listeners.forEach(l -> l.delivering(flow, key, system));
        events.record(exchange, "DELIVERING", null);
    }

    /** Called after the sink returned normally. */
    public void delivered(Exchange exchange) {
        String flow = DeliveryHeaders.get(exchange, DeliveryHeaders.FLOW);
        String key = DeliveryHeaders.get(exchange, DeliveryHeaders.CORRELATION_ID);
        String system = DeliveryHeaders.get(exchange, DeliveryHeaders.SYSTEM);
        String group = DeliveryHeaders.group(exchange);
        if (group != null) {
            holds.release(system, group, DeliveryHeaders.get(exchange, DeliveryHeaders.MESSAGE_ID));
        }
        control.recordSuccess(system);
        listeners.forEach(l -> l.delivered(flow, key, system));
        events.record(exchange, Dispatch.FLOW_CALLBACK.equals(flow) ? "CALLBACK_SENT" : "DELIVERED", null);
    }

    /** Queues the message up behind the hold of its dossier, without spending an attempt. */
    private void park(Exchange exchange, String system, String group, DeliveryHolds.Hold hold) {
        int place = holds.park(system, group);
        Duration wait = Duration.between(OffsetDateTime.now(ZoneOffset.UTC), hold.releaseAt());
        Duration delay = (wait.isNegative() ? Duration.ZERO : wait).plus(PARK_SPACING.multipliedBy(place));
        java.util.Map<String, Object> properties = DeliveryHeaders.jmsProperties(exchange);
        properties.put(DeliveryHeaders.PARKED, "true");
        holds.parkedUntil(system, group, OffsetDateTime.now(ZoneOffset.UTC).plus(delay));
        scheduler.sendLater(DeliveryHeaders.deliveryQueue(system), exchange.getIn().getBody(String.class),
                properties, delay);
        events.record(exchange, "RETRYING", "waits behind message " + hold.messageId()
                + " of the same dossier, which is due for another attempt at " + hold.releaseAt());
        exchange.setRouteStop(true);
    }
}
