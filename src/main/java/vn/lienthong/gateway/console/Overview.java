package vn.lienthong.gateway.console;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import vn.lienthong.gateway.deadline.DueDossiers;
import vn.lienthong.gateway.delivery.DeadLetters;
import vn.lienthong.gateway.delivery.Systems;
import vn.lienthong.gateway.tracking.MessageQueries;

/**
 * What the overview shows, read from the gateway's own stores (not from Prometheus): per system and flow the
 * messages of the last hour and day, failures and dead letters; each system's circuit, pause and queue; the
 * dossiers overdue and due within a working day; the throughput of the last hours.
 */
@Component
public class Overview {

    /** Hours in the throughput chart. */
    static final int HOURS = 12;
    /** Dossiers listed in each part of the watch list. */
    static final int WATCH_LIMIT = 10;

    /** One flow of one system. */
    public record FlowLine(String flow, long lastHour, long lastDay, long failures, int deadLetters) {
    }

    /** One system with its flows. */
    public record SystemLine(Systems.SystemView system, List<FlowLine> flows) {
    }

    /** The whole overview at {@code at}. */
    public record Snapshot(OffsetDateTime at, List<SystemLine> systems, DueDossiers.Watch due,
                           MessageQueries.Throughput throughput, long deadLetters, long failures) {
    }

    private final Systems systems;
    private final MessageQueries messages;
    private final DeadLetters deadLetters;
    private final DueDossiers due;

    public Overview(Systems systems, MessageQueries messages, DeadLetters deadLetters, DueDossiers due) {
        this.systems = systems;
        this.messages = messages;
        this.deadLetters = deadLetters;
        this.due = due;
    }

    public Snapshot snapshot() {
        Instant now = Instant.now();
        OffsetDateTime at = OffsetDateTime.now();
        List<MessageQueries.Activity> activity = messages.activity(at.minusDays(1), at.minusHours(1));
        Map<String, Map<String, Integer>> dead = deadLetters.countOpenBySystemAndFlow();
        List<SystemLine> lines = new ArrayList<>();
        long deadTotal = 0;
        long failureTotal = 0;
        for (Systems.SystemView system : systems.states()) {
            Map<String, Integer> deadByFlow = dead.getOrDefault(system.id(), Map.of());
            List<FlowLine> flows = new ArrayList<>();
            for (MessageQueries.Activity a : activity) {
                if (system.id().equals(a.system())) {
                    flows.add(new FlowLine(a.flow(), a.lastHour(), a.lastDay(), a.failures(),
                            deadByFlow.getOrDefault(a.flow(), 0)));
                    failureTotal += a.failures();
                }
            }
            // Dead letters of a flow with no message in the last day still need an operator.
            deadByFlow.forEach((flow, count) -> {
                if (flows.stream().noneMatch(f -> f.flow().equals(flow))) {
                    flows.add(new FlowLine(flow, 0, 0, 0, count));
                }
            });
            deadTotal += system.deadLetters();
            lines.add(new SystemLine(system, flows));
        }
        OffsetDateTime from = at.truncatedTo(ChronoUnit.HOURS).minusHours(HOURS - 1L);
        return new Snapshot(at, lines, due.watch(now, WATCH_LIMIT), messages.throughput(from, HOURS), deadTotal,
                failureTotal);
    }
}
