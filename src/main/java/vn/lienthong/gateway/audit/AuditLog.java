package vn.lienthong.gateway.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Writes and reads the audit log; every operator action goes through here. */
@Repository
public class AuditLog {

    /** One operator action. */
    public record Entry(long id, OffsetDateTime at, String actor, String action, String target, String reason,
                        String detail) {
    }

    /**
     * Which entries to show; null fields do not filter.
     *
     * @param since from this time on (inclusive)
     * @param until before this time
     */
    public record Filter(String actor, String action, OffsetDateTime since, OffsetDateTime until) {
    }

    private static final String SELECT = "SELECT id, at, actor, action, target, reason, detail FROM audit_log";
    private static final RowMapper<Entry> ROW = (rs, i) -> new Entry(rs.getLong(1),
            rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
            rs.getString(7));

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
        return search(new Filter(null, null, null, null), 0, limit);
    }

    /** The entries matching {@code filter}, newest first, {@code limit} (at most 1,000) from {@code offset}. */
    public List<Entry> search(Filter filter, long offset, int limit) {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        add(sql, args, "actor = ?", filter.actor());
        add(sql, args, "action = ?", filter.action());
        add(sql, args, "at >= ?", filter.since());
        add(sql, args, "at < ?", filter.until());
        sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, Math.min(limit, 1000))).append(" OFFSET ")
                .append(Math.max(0, offset));
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /** The actions recorded so far, for choosing one. */
    public List<String> actions() {
        return jdbc.queryForList("SELECT DISTINCT action FROM audit_log ORDER BY action", String.class);
    }

    private static void add(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }
}
