package vn.lienthong.gateway.tracking;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Searches messages by business key, system, flow, state and time; reads one message's hops. */
@Repository
public class MessageQueries {

    /** A message as operators see it. */
    public record MessageView(String messageId, String flow, String system, String correlationId, String state,
                              int attempts, String lastDetail, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /**
     * The search filter; null fields do not filter.
     *
     * @param correlationId the business key: a dossier code or a document id
     * @param messageId     one message
     */
    public record Filter(String correlationId, String system, String flow, String state, OffsetDateTime since,
                         OffsetDateTime until, String messageId) {

        public Filter(String correlationId, String system, String flow, String state, OffsetDateTime since,
                      OffsetDateTime until) {
            this(correlationId, system, flow, state, since, until, null);
        }
    }

    /**
     * Messages of one system and flow first seen since a day ago.
     *
     * @param lastHour of them, first seen within the last hour
     * @param lastDay  all of them
     * @param failures of them, now retrying, dead-lettered or refused
     */
    public record Activity(String system, String flow, long lastHour, long lastDay, long failures) {
    }

    /** Message states that mean something went wrong and an operator may have to act. */
    public static final List<String> FAILED = List.of("RETRYING", "DEAD_LETTERED", "REJECTED");

    private static final RowMapper<MessageView> ROW = (rs, i) -> new MessageView(rs.getString("message_id"),
            rs.getString("flow"), rs.getString("system_id"), rs.getString("correlation_id"), rs.getString("state"),
            rs.getInt("attempts"), rs.getString("last_detail"), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;

    public MessageQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<MessageView> search(Filter f, int page, int size) {
        List<Object> args = new ArrayList<>();
        String sql = select(f, args) + " LIMIT " + size + " OFFSET " + (long) page * size;
        return jdbc.query(sql, ROW, args.toArray());
    }

    /** Every message matching {@code f}, newest first, at most {@code max}, one at a time (an export). */
    public void forEach(Filter f, int max, Consumer<MessageView> each) {
        List<Object> args = new ArrayList<>();
        int[] row = {0};
        jdbc.query(select(f, args) + " LIMIT " + max, rs -> {
            each.accept(ROW.mapRow(rs, row[0]++));
        }, args.toArray());
    }

    public Optional<MessageView> find(String messageId) {
        return jdbc.query("SELECT * FROM message WHERE message_id = ?", ROW, messageId).stream().findFirst();
    }

    /** The hops of one message, in order. */
    public List<TrackingQueries.EventView> hops(String messageId) {
        return jdbc.query(TrackingQueries.COLUMNS + " WHERE message_id = ? ORDER BY at, seq", TrackingQueries.EVENT,
                messageId);
    }

    /** The payload kept for a message: its dead letter's, or the dossier revision it carried. */
    public Optional<String> payload(String messageId) {
        List<String> dead = jdbc.queryForList("SELECT payload FROM dead_letter WHERE message_id = ?"
                + " ORDER BY last_failure_at DESC", String.class, messageId);
        if (!dead.isEmpty()) {
            return Optional.of(dead.get(0));
        }
        return jdbc.queryForList("SELECT payload FROM dossier_revision WHERE message_id = ?", String.class, messageId)
                .stream().findFirst();
    }

    /** Per system and flow, the messages first seen since {@code dayAgo}, of them since {@code hourAgo}, failing. */
    public List<Activity> activity(OffsetDateTime dayAgo, OffsetDateTime hourAgo) {
        String failed = String.join(", ", FAILED.stream().map(s -> "'" + s + "'").toList());
        // One range read of the (created_at, system_id, flow, state) index: the rows of the last day only.
        return jdbc.query("SELECT system_id, flow, SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END), COUNT(*),"
                        + " SUM(CASE WHEN state IN (" + failed + ") THEN 1 ELSE 0 END) FROM message"
                        + " WHERE created_at >= ? GROUP BY system_id, flow ORDER BY system_id, flow",
                (rs, i) -> new Activity(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
                hourAgo, dayAgo);
    }

    /** For each hour from {@code from}: messages first seen, delivered and failing in it (by their latest change). */
    public Throughput throughput(OffsetDateTime from, int hours) {
        long[] received = new long[hours];
        long[] delivered = new long[hours];
        long[] failed = new long[hours];
        OffsetDateTime to = from.plusHours(hours);
        jdbc.query("SELECT created_at FROM message WHERE created_at >= ? AND created_at < ?",
                rs -> {
                    count(received, from, rs.getObject(1, OffsetDateTime.class));
                }, from, to);
        jdbc.query("SELECT updated_at, state FROM message WHERE updated_at >= ? AND updated_at < ?", rs -> {
            String state = rs.getString(2);
            if ("DELIVERED".equals(state)) {
                count(delivered, from, rs.getObject(1, OffsetDateTime.class));
            } else if (FAILED.contains(state)) {
                count(failed, from, rs.getObject(1, OffsetDateTime.class));
            }
        }, from, to);
        return new Throughput(from, list(received), list(delivered), list(failed));
    }

    /** Messages per hour from {@code from}: element {@code i} is the hour starting {@code i} hours after it. */
    public record Throughput(OffsetDateTime from, List<Long> received, List<Long> delivered, List<Long> failed) {
    }

    private static List<Long> list(long[] counts) {
        return Arrays.stream(counts).boxed().toList();
    }

    private static void count(long[] buckets, OffsetDateTime from, OffsetDateTime at) {
        int hour = (int) Duration.between(from, at).toHours();
        if (hour >= 0 && hour < buckets.length) {
            buckets[hour]++;
        }
    }

    private static String select(Filter f, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT * FROM message WHERE 1 = 1");
        add(sql, args, "message_id = ?", f.messageId());
        add(sql, args, "correlation_id = ?", f.correlationId());
        add(sql, args, "system_id = ?", f.system());
        add(sql, args, "flow = ?", f.flow());
        add(sql, args, "state = ?", f.state());
        add(sql, args, "updated_at >= ?", f.since());
        add(sql, args, "updated_at < ?", f.until());
        return sql.append(" ORDER BY updated_at DESC, message_id").toString();
    }

    private static void add(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }
}
