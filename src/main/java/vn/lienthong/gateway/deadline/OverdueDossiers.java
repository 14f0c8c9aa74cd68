package vn.lienthong.gateway.deadline;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code gateway_dossiers_overdue}: open dossiers past their due date. Counted by one indexed query
 * on a schedule ({@code gateway.deadlines.overdue-refresh}), not on every scrape.
 */
@Component
public class OverdueDossiers implements SchedulingConfigurer {


    private final DeadlineStore store;
    private final DeadlineProperties properties;
    private final AtomicLong overdue = new AtomicLong();

    public OverdueDossiers(DeadlineStore store, DeadlineProperties properties, MeterRegistry registry) {
        this.store = store;
        this.properties = properties;
        Gauge.builder("gateway.dossiers.overdue", overdue, AtomicLong::get)
                .description("Open dossiers past their due date (working days, supplement pauses excluded)")
                .register(registry);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::refresh, properties.overdueRefresh());
    }

    /** Counts again; returns the new count. */
    public long refresh() {
        long n = store.countOverdue(Instant.now(), Deadlines.CLOSED);
        overdue.set(n);
        return n;
    }
}
