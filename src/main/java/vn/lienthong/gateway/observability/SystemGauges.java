package vn.lienthong.gateway.observability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.delivery.DeadLetters;
import vn.lienthong.gateway.delivery.DeliveryHeaders;
import vn.lienthong.gateway.delivery.QueueDepths;
import vn.lienthong.gateway.delivery.SystemControl;

/**
 * Per connected system: {@code gateway_queue_depth}, {@code gateway_dead_letters}, {@code gateway_circuit_state}
 * (0 closed, 1 half-open, 2 open) and {@code gateway_system_paused}. Queue depth browses the broker and dead
 * letters ask the database, so they are read on a schedule ({@code gateway.metrics.gauge-refresh}) and a
 * scrape only returns the last reading: a scrape never waits on the broker or the database.
 */
@Component
public class SystemGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SystemGauges.class);

    private final Catalog catalog;
    private final QueueDepths queues;
    private final DeadLetters deadLetters;
    private final SystemControl control;
    private final ObservabilityProperties properties;
    private final Map<String, AtomicLong> queueDepth = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> openDeadLetters = new ConcurrentHashMap<>();
    private ScheduledExecutorService refresher;

    public SystemGauges(Catalog catalog, QueueDepths queues, DeadLetters deadLetters, SystemControl control,
                        ObservabilityProperties properties, MeterRegistry registry) {
        this.catalog = catalog;
        this.queues = queues;
        this.deadLetters = deadLetters;
        this.control = control;
        this.properties = properties;
        for (ConnectedSystem system : catalog.systems()) {
            String id = system.id();
            Gauge.builder("gateway.queue.depth", queueDepth.computeIfAbsent(id, k -> new AtomicLong()), AtomicLong::get)
                    .description("Messages waiting in the broker for delivery to the system").tag("system", id)
                    .register(registry);
            Gauge.builder("gateway.dead.letters", openDeadLetters.computeIfAbsent(id, k -> new AtomicLong()),
                            AtomicLong::get)
                    .description("Dead letters of the system waiting for an operator").tag("system", id)
                    .register(registry);
            Gauge.builder("gateway.circuit.state", control, c -> circuitValue(c.state(id).circuit()))
                    .description("Circuit of the system: 0 closed, 1 half-open (trial), 2 open (deliveries held)")
                    .tag("system", id).register(registry);
            Gauge.builder("gateway.system.paused", control, c -> c.isPaused(id) ? 1 : 0)
                    .description("1 while an operator has paused deliveries to the system").tag("system", id)
                    .register(registry);
        }
    }

    private static int circuitValue(SystemControl.Circuit circuit) {
        return switch (circuit) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }

    /** Reads the broker and the database once for every system. */
    void refresh() {
        for (ConnectedSystem system : catalog.systems()) {
            try {
                queueDepth.get(system.id()).set(queues.depth(DeliveryHeaders.deliveryQueue(system.id())));
                openDeadLetters.get(system.id()).set(deadLetters.countOpen(system.id()));
            } catch (RuntimeException e) {
                // The broker or the database is down: health says so; the gauges keep their last reading.
                log.debug("Gauges of {} not refreshed: {}", system.id(), e.getMessage());
            }
        }
    }

    @Override
    public void start() {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gateway-gauges");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.gaugeRefresh().toMillis();
        refresher.scheduleWithFixedDelay(this::refresh, 0, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return refresher != null && !refresher.isShutdown();
    }
}
