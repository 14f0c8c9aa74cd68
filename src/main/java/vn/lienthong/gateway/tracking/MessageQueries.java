package vn.lienthong.gateway.tracking;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /** The search filter; null fields do not filter. */
    public record Filter(String correlationId, String system, String flow, String state, OffsetDateTime since,
                         OffsetDateTime until) {
    }

    private static final RowMapper<MessageView> ROW = (rs, i) -> new MessageView(rs.getString("message_id"),
            rs.getString("flow"), rs.getString("system_id"), rs.getString("correlation_id"), rs.getString("state"),
            rs.getInt("attempts"), rs.getString("last_detail"), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;

    public MessageQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<MessageView> search(Filter f, int page, int size) {
        StringBuilder sql = new StringBuilder("SELECT * FROM message WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        add(sql, args, "correlation_id = ?", f.correlationId());
        add(sql, args, "system_id = ?", f.system());
        add(sql, args, "flow = ?", f.flow());
        add(sql, args, "state = ?", f.state());
        add(sql, args, "updated_at >= ?", f.since());
        add(sql, args, "updated_at < ?", f.until());
        sql.append(" ORDER BY updated_at DESC, message_id LIMIT ").append(size).append(" OFFSET ")
                .append((long) page * size);
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    public Optional<MessageView> find(String messageId) {
        return jdbc.query("SELECT * FROM message WHERE message_id = ?", ROW, messageId).stream().findFirst();
    }

    /** The hops of one message, in order. */
    public List<TrackingQueries.EventView> hops(String messageId) {
        return jdbc.query("SELECT at, type, flow, system_id, message_id, attempt, detail FROM tracking_event"
                        + " WHERE message_id = ? ORDER BY at, seq",
                (rs, i) -> new TrackingQueries.EventView(rs.getObject(1, OffsetDateTime.class), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), (Integer) rs.getObject(6),
                        rs.getString(7)), messageId);
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

    private static void add(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }
}
