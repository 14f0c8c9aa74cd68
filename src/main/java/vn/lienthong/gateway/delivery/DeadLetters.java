package vn.lienthong.gateway.delivery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The dead-letter store: messages that could not be delivered, until an operator replays or discards them. */
@Repository
public class DeadLetters {

    public static final String DEAD = "DEAD";
    public static final String REPLAYED = "REPLAYED";
    public static final String DISCARDED = "DISCARDED";

    /** One dead letter, as operators see it. */
    public record DeadLetter(String id, String messageId, String correlationId, String system, String flow,
                             String queue, int attempts, OffsetDateTime firstFailureAt, OffsetDateTime lastFailureAt,
                             String errorCode, String errorMessage, String payload, String state,
                             String resolvedBy, OffsetDateTime resolvedAt, String resolutionReason) {
    }

    private static final RowMapper<DeadLetter> ROW = (rs, i) -> new DeadLetter(rs.getString("id"),
            rs.getString("message_id"), rs.getString("correlation_id"), rs.getString("system_id"),
            rs.getString("flow"), rs.getString("queue"), rs.getInt("attempts"), rs.getObject("first_failure_at", OffsetDateTime.class),
            rs.getObject("last_failure_at", OffsetDateTime.class), rs.getString("error_code"),
            rs.getString("error_message"), rs.getString("payload"), rs.getString("state"),
            rs.getString("resolved_by"), rs.getObject("resolved_at", OffsetDateTime.class),
            rs.getString("resolution_reason"));

    private final JdbcTemplate jdbc;

    public DeadLetters(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a dead letter, once per message: a broker redelivery of the same failed message (after a
     * crash) finds the open dead letter and returns it instead of writing a second one.
     */
    public String record(String messageId, String correlationId, String system, String flow, String queue,
                         int attempts, OffsetDateTime firstFailureAt, String errorCode, String errorMessage,
                         String payload) {
        Optional<DeadLetter> open = jdbc.query("SELECT * FROM dead_letter WHERE message_id = ? AND state = ?", ROW,
                messageId, DEAD).stream().findFirst();
        if (open.isPresent()) {
            return open.get().id();
        }
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("INSERT INTO dead_letter (id, message_id, correlation_id, system_id, flow, queue, attempts,"
                        + " first_failure_at, last_failure_at, error_code, error_message, payload, state)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, messageId, correlationId, system,
                flow, queue, attempts, firstFailureAt == null ? now : firstFailureAt.withOffsetSameInstant(ZoneOffset.UTC), now,
                errorCode, errorMessage.length() > 2000 ? errorMessage.substring(0, 1997) + "..." : errorMessage,
                payload == null ? "" : payload, DEAD);
        return id;
    }

    public Optional<DeadLetter> find(String id) {
        return jdbc.query("SELECT * FROM dead_letter WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** Dead letters still waiting for an operator, filtered by system and flow when given. */
    public List<DeadLetter> open(String system, String flow, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM dead_letter WHERE state = ?");
        List<Object> args = new ArrayList<>(List.of(DEAD));
        if (system != null) {
            sql.append(" AND system_id = ?");
            args.add(system);
        }
        if (flow != null) {
            sql.append(" AND flow = ?");
            args.add(flow);
        }
        sql.append(" ORDER BY last_failure_at LIMIT ").append(Math.max(1, Math.min(limit, 10_000)));
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    public int countOpen(String system) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE state = ? AND system_id = ?",
                Integer.class, DEAD, system);
        return n == null ? 0 : n;
    }

    /** Moves a dead letter out of DEAD; false when another operator got there first. */
    public boolean resolve(String id, String state, String by, String reason) {
        return jdbc.update("UPDATE dead_letter SET state = ?, resolved_by = ?, resolved_at = ?, resolution_reason = ?"
                + " WHERE id = ? AND state = ?", state, by, OffsetDateTime.now(ZoneOffset.UTC), reason, id, DEAD) == 1;
    }
}
