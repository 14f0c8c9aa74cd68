package vn.lienthong.gateway.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Writes and reads the audit log; every operator action goes through here. */
@Repository
public class AuditLog {

    /** One operator action. */
    public record Entry(long id, OffsetDateTime at, String actor, String action, String target, String reason,
                        String detail) {
    }

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, String target, String reason, String detail) {
        jdbc.update("INSERT INTO audit_log (at, actor, action, target, reason, detail) VALUES (?, ?, ?, ?, ?, ?)",
                OffsetDateTime.now(ZoneOffset.UTC), actor, action, target, reason, detail);
    }

    /** The newest entries first. */
    public List<Entry> recent(int limit) {
        return jdbc.query("SELECT id, at, actor, action, target, reason, detail FROM audit_log ORDER BY id DESC LIMIT "
                        + Math.max(1, Math.min(limit, 1000)),
                (rs, i) -> new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
    }
}
