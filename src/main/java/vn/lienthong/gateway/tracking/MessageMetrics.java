package vn.lienthong.gateway.tracking;

import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code gateway_messages_total{flow, system, outcome}}: every hop of every message (received, routed, delivered,
 * retrying, dead-lettered, replayed, …), counted when its tracking event is stored, so a hop that rolled back and
 * ran again is counted once, as operators see it in the message search.
 */
@Component
public class MessageMetrics {

    private final MeterRegistry registry;

    public MessageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(List<TrackingEvent> stored) {
        for (TrackingEvent event : stored) {
            Counter.builder("gateway.messages").description("Hops of messages through the gateway, by outcome")
                    .tag("flow", String.valueOf(event.flow())).tag("system", String.valueOf(event.system()))
                    .tag("outcome", event.type().name().toLowerCase(Locale.ROOT)).register(registry).increment();
        }
    }
}
