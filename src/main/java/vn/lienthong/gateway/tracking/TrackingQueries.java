package vn.lienthong.gateway.tracking;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads stored tracking events. */
@Repository
public class TrackingQueries {

    /** An event as shown to operators. */
    public record EventView(OffsetDateTime at, String type, String flow, String system, String messageId,
                            Integer attempt, String detail) {
    }

    private final JdbcTemplate jdbc;

    public TrackingQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The ordered timeline of one business key (dossier code, document id). */
    public List<EventView> timeline(String correlationId) {
        return jdbc.query("SELECT at, type, flow, system_id, message_id, attempt, detail FROM tracking_event"
                        + " WHERE correlation_id = ? ORDER BY at, seq",
                (rs, i) -> new EventView(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), (Integer) rs.getObject(6), rs.getString(7)),
                correlationId);
    }
}
