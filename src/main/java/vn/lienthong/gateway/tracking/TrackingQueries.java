package vn.lienthong.gateway.tracking;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Reads stored tracking events. */
@Repository
public class TrackingQueries {

    /** An event as shown to operators. */
    public record EventView(OffsetDateTime at, String type, String flow, String system, String messageId,
                            Integer attempt, String detail) {
    }

    static final String COLUMNS = "SELECT at, type, flow, system_id, message_id, attempt, detail FROM tracking_event";
    static final RowMapper<EventView> EVENT = (rs, i) -> new EventView(rs.getObject(1, OffsetDateTime.class),
            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), (Integer) rs.getObject(6),
            rs.getString(7));

    private final JdbcTemplate jdbc;

    public TrackingQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The ordered timeline of one business key (dossier code, document id). */
    public List<EventView> timeline(String correlationId) {
        return jdbc.query(COLUMNS + " WHERE correlation_id = ? ORDER BY at, seq", EVENT, correlationId);
    }

    /** The latest event of one of {@code types} about {@code system}, e.g. its last delivery or last failure. */
    public Optional<EventView> latest(String system, Collection<String> types) {
        EventView latest = null;
        for (String type : types) {
            // One look-up per type on the (system_id, type, at) index, newest first: never a scan of the history.
            for (EventView e : jdbc.query(COLUMNS + " WHERE system_id = ? AND type = ? ORDER BY at DESC LIMIT 1",
                    EVENT, system, type)) {
                if (latest == null || e.at().isAfter(latest.at())) {
                    latest = e;
                }
            }
        }
        return Optional.ofNullable(latest);
    }
}
