package vn.lienthong.gateway.delivery;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Keeps per-dossier order while a message waits for a retry: the waiting message holds its
 * (system, dossier) pair, and later messages of that dossier to that system queue up behind it.
 */
@Repository
public class DeliveryHolds {

    /** A hold: which message waits, until when, and how many messages queued behind it so far. */
    public record Hold(String messageId, OffsetDateTime releaseAt, int parked, OffsetDateTime firstFailureAt) {
    }

    private final JdbcTemplate jdbc;

    public DeliveryHolds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Hold> find(String system, String group) {
        return jdbc.query("SELECT message_id, release_at, parked, first_failure_at FROM delivery_hold"
                        + " WHERE system_id = ? AND group_id = ?",
                (rs, i) -> new Hold(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getInt(3),
                        rs.getObject(4, OffsetDateTime.class)), system, group).stream().findFirst();
    }

    /** Places or moves the hold of {@code messageId}, which waits until {@code releaseAt}. */
    public void hold(String system, String group, String messageId, OffsetDateTime releaseAt) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int updated = jdbc.update("UPDATE delivery_hold SET message_id = ?, release_at = ? WHERE system_id = ?"
                + " AND group_id = ?", messageId, utc(releaseAt), system, group);
        if (updated == 0) {
            jdbc.update("INSERT INTO delivery_hold (system_id, group_id, message_id, release_at, parked,"
                    + " first_failure_at) VALUES (?, ?, ?, ?, 0, ?)", system, group, messageId, utc(releaseAt), now);
        }
    }

    /** Counts one more message queued behind the hold and returns its place in the queue (1, 2, …). */
    public int park(String system, String group) {
        jdbc.update("UPDATE delivery_hold SET parked = parked + 1 WHERE system_id = ? AND group_id = ?",
                system, group);
        return find(system, group).map(Hold::parked).orElse(1);
    }

    /** Lifts the hold if {@code messageId} owns it (delivered or dead-lettered). */
    public void release(String system, String group, String messageId) {
        jdbc.update("DELETE FROM delivery_hold WHERE system_id = ? AND group_id = ? AND message_id = ?",
                system, group, messageId);
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
