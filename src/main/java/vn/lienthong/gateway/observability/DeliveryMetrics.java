package vn.lienthong.gateway.observability;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.delivery.DeliveryListener;

/**
 * {@code gateway_delivery_seconds{system, outcome}}: how long each delivery attempt to a system took, as a
 * histogram (outcome {@code delivered}, {@code retrying} or {@code dead_lettered}), and
 * {@code gateway_delivery_retries_total{system}}. An attempt runs on one thread from start to outcome, so the
 * start time is kept per thread.
 */
@Component
public class DeliveryMetrics implements DeliveryListener {

    private static final Duration[] SLO = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final ThreadLocal<Long> started = new ThreadLocal<>();

    public DeliveryMetrics(MeterRegistry registry, Catalog catalog) {
        this.registry = registry;
        // Retries are counted from zero for every system, so a rate over them exists before the first failure.
        catalog.systems().forEach(system -> retries(system.id()));
    }

    @Override
    public void delivering(String flow, String correlationId, String system) {
        started.set(System.nanoTime());
    }

    @Override
    public void delivered(String flow, String correlationId, String system) {
        record(system, "delivered");
    }

    @Override
    public void retrying(String flow, String correlationId, String system) {
        record(system, "retrying");
        retries(system).increment();
    }

    @Override
    public void deadLettered(String flow, String correlationId, String system) {
        record(system, "dead_lettered");
    }

    private Counter retries(String system) {
        return Counter.builder("gateway.delivery.retries")
                .description("Delivery attempts that failed and will be tried again").tag("system", system)
                .register(registry);
    }

    private void record(String system, String outcome) {
        Long start = started.get();
        started.remove();
        if (start == null) {
            return; // an outcome without an attempt on this thread, e.g. a message dead-lettered by the broker
        }
        Timer.builder("gateway.delivery").description("Time of one delivery attempt to a connected system")
                .tag("system", system).tag("outcome", outcome).serviceLevelObjectives(SLO)
                .register(registry).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
