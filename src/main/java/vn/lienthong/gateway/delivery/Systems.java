package vn.lienthong.gateway.delivery;

import java.util.List;

import org.springframework.stereotype.Service;

import vn.lienthong.gateway.audit.AuditLog;
import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.tracking.TrackingQueries;

/**
 * The connected systems as operators see them (health, circuit, pause, queue depth, dead letters, last success
 * and failure), and pausing or resuming one with a reason: one place for the API and the console.
 */
@Service
public class Systems {

    /** Hops that count as a system taking a message. */
    private static final List<String> SUCCESS = List.of("DELIVERED", "CALLBACK_SENT");
    /** Hops that count as a system failing to take one. */
    private static final List<String> FAILURE = List.of("RETRYING", "DEAD_LETTERED", "REJECTED");

    /**
     * One connected system.
     *
     * @param health         UP, DOWN (circuit not closed) or PAUSED
     * @param delivering     whether its delivery route consumes right now
     * @param pausedBy       who paused it, while paused
     * @param pauseReason    why, while paused
     * @param lastSuccess    its latest delivery, if any
     * @param lastFailure    its latest failed attempt or refusal, if any
     */
    public record SystemView(String id, String name, String kind, String protocol, String agencyCode, String health,
                             String circuit, int consecutiveFailures, String lastProbe, boolean paused,
                             boolean delivering, int queueDepth, int deadLetters, String pausedBy, String pauseReason,
                             TrackingQueries.EventView lastSuccess, TrackingQueries.EventView lastFailure) {
    }

    private final Catalog catalog;
    private final SystemControl control;
    private final QueueDepths queues;
    private final DeadLetters deadLetters;
    private final TrackingQueries tracking;
    private final AuditLog audit;

    public Systems(Catalog catalog, SystemControl control, QueueDepths queues, DeadLetters deadLetters,
                   TrackingQueries tracking, AuditLog audit) {
        this.catalog = catalog;
        this.control = control;
        this.queues = queues;
        this.deadLetters = deadLetters;
        this.tracking = tracking;
        this.audit = audit;
    }

    /** Every system, with its latest delivery and latest failure. */
    public List<SystemView> all() {
        return catalog.systems().stream().map(s -> view(s, true)).toList();
    }

    /** Every system's state only (no last delivery or failure): what a live overview refreshes often. */
    public List<SystemView> states() {
        return catalog.systems().stream().map(s -> view(s, false)).toList();
    }

    /** Messages waiting in a system's delivery queue (counted by browsing, capped). */
    public int queueDepth(String id) {
        return queues.depth(DeliveryHeaders.deliveryQueue(id));
    }

    /** Pauses or resumes deliveries to a system for maintenance, recorded in the audit log with the reason. */
    public SystemView setPaused(String id, boolean paused, String operator, String reason) {
        ConnectedSystem system = system(id);
        if (!control.hasDeliveryRoute(id)) {
            throw new GatewayException(ErrorCode.OPERATION_NOT_SUPPORTED, id + " has no delivery queue the gateway"
                    + " can hold (it is served by its own routes), so it cannot be paused or resumed");
        }
        control.setPaused(id, paused, operator, reason);
        audit.record(operator, paused ? "PAUSE" : "RESUME", "system/" + id, reason, null);
        return view(system, true);
    }

    private ConnectedSystem system(String id) {
        return catalog.system(id).orElseThrow(() -> new GatewayException(ErrorCode.UNKNOWN_SYSTEM,
                "No connected system " + id));
    }

    private SystemView view(ConnectedSystem s, boolean history) {
        SystemControl.State state = control.state(s.id());
        SystemControl.PauseNote note = state.paused() ? control.pauseNote(s.id()).orElse(null) : null;
        String health = state.paused() ? "PAUSED" : state.circuit() == SystemControl.Circuit.CLOSED ? "UP" : "DOWN";
        return new SystemView(s.id(), s.name(), s.kind().configName(), s.protocol().configName(), s.agencyCode(),
                health, state.circuit().name(), state.consecutiveFailures(), state.lastProbe(), state.paused(),
                state.delivering(), queueDepth(s.id()), deadLetters.countOpen(s.id()),
                note == null ? null : note.by(), note == null ? null : note.reason(),
                history ? tracking.latest(s.id(), SUCCESS).orElse(null) : null,
                history ? tracking.latest(s.id(), FAILURE).orElse(null) : null);
    }
}
