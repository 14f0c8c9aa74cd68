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

    /** What a system id or an event type may look like (the catalog's schema allows less). */
    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,63}");

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
        OffsetDateTime now = OffsetDateTime.now();
        // Widening windows on the (system_id, type, at) index: a busy system's last delivery is found among the
        // last hour's rows, a rare failure within a few small ranges; never a read of a system's whole history,
        // which H2 would do for ORDER BY at DESC.
        for (OffsetDateTime since : List.of(now.minusHours(1), now.minusDays(1), now.minusDays(7), now.minusDays(31),
                OffsetDateTime.parse("1970-01-01T00:00Z"))) {
            EventView latest = null;
            for (String type : types) {
                // System and type as literals, not parameters: PostgreSQL plans a statement prepared five times once
                // for any values, assumes an average system's share of rows and then walks the whole (at) index
                // backwards looking for a rare failure (a second per system with a million events). With the values
                // in the text it sees that the type is rare and takes the (system_id, type, at) index: 0.1 ms.
                for (EventView e : jdbc.query(COLUMNS + " WHERE system_id = " + literal(system) + " AND type = "
                        + literal(type) + " AND at >= ? ORDER BY at DESC LIMIT 1", EVENT, since)) {
                    if (latest == null || e.at().isAfter(latest.at())) {
                        latest = e;
                    }
                }
            }
            if (latest != null) {
                return Optional.of(latest);
            }
        }
        return Optional.empty();
    }

    /** {@code value} as an SQL string literal; only identifiers (system ids, event types) are ever given. */
    private static String literal(String value) {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException("not an identifier: " + value);
        }
        return "'" + value + "'";
    }
}
