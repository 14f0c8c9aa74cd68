package vn.lienthong.gateway.tracking;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code message} table (the latest state of every message) in step with a batch of
 * tracking events: one read and at most one write per message per batch, never per event.
 */
@Component
public class MessageProjection {

    private final JdbcTemplate jdbc;

    public MessageProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every state a message can be in (CONTRACT §3). */
    public static final java.util.List<String> STATES = java.util.List.of("RECEIVED", "ROUTED", "DELIVERING",
            "DELIVERED", "RETRYING", "DEAD_LETTERED", "REPLAYED", "DISCARDED", "REJECTED");

    /** The message state an event leads to, or null when the event does not change it. */
    static String stateOf(EventType type) {
        return switch (type) {
            case RECEIVED, STATUS_RECEIVED -> "RECEIVED";
            case DUPLICATE -> null;
            case CALLBACK_SENT, DELIVERED -> "DELIVERED";
            default -> type.name();
        };
    }

    private record Change(String messageId, String flow, String system, String correlationId, String state,
                          int attempts, String detail, OffsetDateTime at) {
    }

    /** Applies the batch (called inside the writer's database transaction). */
    public void apply(List<TrackingEvent> batch) {
        Map<String, Change> changes = new LinkedHashMap<>();
        List<TrackingEvent> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparing(TrackingEvent::at));
        for (TrackingEvent e : ordered) {
            String state = stateOf(e.type());
            if (state == null || e.messageId() == null) {
                continue;
            }
            Change before = changes.get(e.messageId());
            int attempts = Math.max(before == null ? 0 : before.attempts(), e.attempt() == null ? 0 : e.attempt());
            if (e.type() == EventType.DELIVERING && e.attempt() == null) {
                attempts = Math.max(attempts, 1);
            }
            changes.put(e.messageId(), new Change(e.messageId(), e.flow(), e.system(), e.correlationId(), state,
                    attempts, e.detail(), e.at()));
        }
        if (changes.isEmpty()) {
            return;
        }
        Map<String, OffsetDateTime> existing = new HashMap<>();
        List<String> ids = new ArrayList<>(changes.keySet());
        for (int i = 0; i < ids.size(); i += 100) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 100));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            jdbc.query("SELECT message_id, updated_at FROM message WHERE message_id IN (" + marks + ")",
                    rs -> {
                        existing.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class));
                    }, chunk.toArray());
        }
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (Change c : changes.values()) {
            OffsetDateTime at = c.at().withOffsetSameInstant(ZoneOffset.UTC);
            OffsetDateTime known = existing.get(c.messageId());
            if (known == null) {
                inserts.add(new Object[] {c.messageId(), c.flow(), c.system(), c.correlationId(), c.state(),
                        c.attempts(), c.detail(), at, at});
            } else if (!known.isAfter(at)) {
                updates.add(new Object[] {c.state(), c.attempts(), c.detail(), at, c.messageId()});
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO message (message_id, flow, system_id, correlation_id, state, attempts,"
                    + " last_detail, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("UPDATE message SET state = ?, attempts = GREATEST(attempts, ?),"
                    + " last_detail = COALESCE(?, last_detail), updated_at = ? WHERE message_id = ?", updates);
        }
    }
}
