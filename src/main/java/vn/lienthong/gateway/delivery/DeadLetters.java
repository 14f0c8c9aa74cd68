package vn.lienthong.gateway.delivery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

    /**
     * Which open dead letters an operator means; null fields do not filter.
     *
     * @param system    the system the message was for
     * @param flow      dossier, status, callback, document …
     * @param errorCode the error code of the last failure
     */
    public record Filter(String system, String flow, String errorCode) {

        public static final Filter ALL = new Filter(null, null, null);
    }

    /** Dead letters still waiting for an operator, filtered by system and flow when given. */
    public List<DeadLetter> open(String system, String flow, int limit) {
        return open(new Filter(system, flow, null), 0, limit);
    }

    /** Open dead letters matching {@code filter}, oldest failure first, {@code limit} from {@code offset}. */
    public List<DeadLetter> open(Filter filter, long offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        return jdbc.query("SELECT * FROM dead_letter" + where + " ORDER BY last_failure_at, id LIMIT "
                + Math.max(1, Math.min(limit, 10_000)) + " OFFSET " + Math.max(0, offset), ROW, args.toArray());
    }

    /** How many open dead letters match {@code filter}. */
    public int countOpen(Filter filter) {
        List<Object> args = new ArrayList<>();
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter" + where(filter, args), Integer.class,
                args.toArray());
        return n == null ? 0 : n;
    }

    public int countOpen(String system) {
        return countOpen(new Filter(system, null, null));
    }

    /** Open dead letters per system and flow: {@code counts.get(system).get(flow)}. */
    public Map<String, Map<String, Integer>> countOpenBySystemAndFlow() {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        jdbc.query("SELECT system_id, flow, COUNT(*) FROM dead_letter WHERE state = ? GROUP BY system_id, flow",
                rs -> {
                    counts.computeIfAbsent(rs.getString(1), s -> new TreeMap<>()).put(rs.getString(2),
                            rs.getInt(3));
                }, DEAD);
        return counts;
    }

    /** The error codes of the open dead letters, for choosing one. */
    public List<String> openErrorCodes() {
        return jdbc.queryForList("SELECT DISTINCT error_code FROM dead_letter WHERE state = ? ORDER BY error_code",
                String.class, DEAD);
    }

    private static String where(Filter filter, List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE state = ?");
        args.add(DEAD);
        if (filter.system() != null) {
            sql.append(" AND system_id = ?");
            args.add(filter.system());
        }
        if (filter.flow() != null) {
            sql.append(" AND flow = ?");
            args.add(filter.flow());
        }
        if (filter.errorCode() != null) {
            sql.append(" AND error_code = ?");
            args.add(filter.errorCode());
        }
        return sql.toString();
    }

    /** Moves a dead letter out of DEAD; false when another operator got there first. */
    public boolean resolve(String id, String state, String by, String reason) {
        return jdbc.update("UPDATE dead_letter SET state = ?, resolved_by = ?, resolved_at = ?, resolution_reason = ?"
                + " WHERE id = ? AND state = ?", state, by, OffsetDateTime.now(ZoneOffset.UTC), reason, id, DEAD) == 1;
    }
}
