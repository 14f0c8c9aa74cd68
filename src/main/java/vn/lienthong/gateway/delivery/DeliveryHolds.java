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

        /** Whether the waiting message went, and only the messages parked behind it are still due (until releaseAt). */
        public boolean draining() {
            return DRAINING.equals(messageId);
        }
    }

    /** The holder of a hold whose message went while messages parked behind it are still on their way. */
    static final String DRAINING = "(parked messages draining)";

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

    /** Notes that a message parked behind the hold is due at {@code due}: the hold drains until the last one. */
    public void parkedUntil(String system, String group, OffsetDateTime due) {
        jdbc.update("UPDATE delivery_hold SET drain_until = ? WHERE system_id = ? AND group_id = ?"
                + " AND (drain_until IS NULL OR drain_until < ?)", utc(due), system, group, utc(due));
    }

    /**
     * Lifts the hold if {@code messageId} owns it (delivered or dead-lettered). While messages parked behind it are
     * still due, the hold drains instead: they keep their turn, and a newer message of the dossier queues behind them.
     */
    public void release(String system, String group, String messageId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int draining = jdbc.update("UPDATE delivery_hold SET message_id = ?, release_at = drain_until WHERE system_id = ?"
                + " AND group_id = ? AND message_id = ? AND drain_until > ?", DRAINING, system, group, messageId, now);
        if (draining == 0) {
            jdbc.update("DELETE FROM delivery_hold WHERE system_id = ? AND group_id = ? AND message_id = ?",
                    system, group, messageId);
        }
    }

    /** Ends a drained hold (its parked messages are through). */
    public void endDrain(String system, String group) {
        release(system, group, DRAINING);
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
