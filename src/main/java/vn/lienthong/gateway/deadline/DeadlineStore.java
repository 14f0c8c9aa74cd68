package vn.lienthong.gateway.deadline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import vn.lienthong.gateway.dossier.DossierStatus;

/**
 * Reads what deadlines need from dossiers and steps, and keeps the appointments, clock pauses, finish times and
 * due dates; SQL with parameters.
 */
@Repository
public class DeadlineStore {

    /**
     * The deadline facts of a dossier.
     *
     * @param appointment the one-stop software's current appointment (ngày hẹn trả), or null when it sent none
     * @param finishedAt  when the dossier finished, once known
     */
    record DossierFacts(String dossierCode, String procedureCode, String receivingAgency, String state,
                        Instant receivedAt, Instant appointment, Instant finishedAt) {
    }

    /**
     * The deadline facts of a step.
     *
     * @param finishedAt when it finished as the index counts it: COMPLETED, else RESULT_RETURNED, else STOPPED
     */
    record StepFacts(String system, String agencyCode, String state, Instant startedAt, Instant finishedAt) {
    }

    /** An appointment the one-stop software gave with a revision, and when the gateway took it. */
    record Appointment(int revision, Instant dueAt, Instant recordedAt) {
    }

    /** One agency's line of the on-time report. */
    record AgencyCount(String agency, long early, long onTime, long late) {
    }

    /** A pause of one step's clock. */
    record StepPause(String system, Pause pause) {
    }

    private final JdbcTemplate jdbc;

    public DeadlineStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<DossierFacts> dossier(String dossierCode) {
        return jdbc.query("SELECT dossier_code, procedure_code, receiving_agency, state, received_at, due_at,"
                        + " finished_at FROM dossier WHERE dossier_code = ?", (rs, i) -> new DossierFacts(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5),
                        instant(rs, 6), instant(rs, 7)), dossierCode)
                .stream().findFirst();
    }

    List<StepFacts> steps(String dossierCode) {
        return jdbc.query("SELECT system_id, agency_code, state, started_at, finished_at FROM dossier_step"
                        + " WHERE dossier_code = ?", (rs, i) -> new StepFacts(rs.getString(1), rs.getString(2),
                        rs.getString(3), instant(rs, 4), instant(rs, 5)), dossierCode);
    }

    /** The clock pauses of every step of a dossier, by step system, in order. */
    List<StepPause> pauses(String dossierCode) {
        return jdbc.query("SELECT system_id, paused_at, resumed_at FROM clock_pause WHERE dossier_code = ?"
                        + " ORDER BY paused_at", (rs, i) -> new StepPause(rs.getString(1),
                        new Pause(instant(rs, 2), instant(rs, 3))), dossierCode);
    }

    /** The appointments of a dossier, oldest first: the first one and each one that moved it. */
    List<Appointment> appointments(String dossierCode) {
        return jdbc.query("SELECT revision, due_at, recorded_at FROM dossier_appointment WHERE dossier_code = ?"
                        + " ORDER BY revision", (rs, i) -> new Appointment(rs.getInt(1), instant(rs, 2),
                        instant(rs, 3)), dossierCode);
    }

    /**
     * Keeps the appointment a revision carries when it differs from the current one (or is the first), and makes
     * it the dossier's; true when this revision moved the appointment, now or when it was seen before (a
     * redelivery, which must send on what the first delivery sent).
     */
    boolean recordAppointment(String dossierCode, int revision, Instant dueAt, Instant recordedAt) {
        List<Appointment> known = appointments(dossierCode);
        if (known.stream().anyMatch(a -> a.revision() == revision)) {
            return true;
        }
        boolean later = known.stream().anyMatch(a -> a.revision() > revision);
        if (later || (!known.isEmpty() && known.get(known.size() - 1).dueAt().equals(dueAt))) {
            return false;
        }
        jdbc.update("INSERT INTO dossier_appointment (dossier_code, revision, due_at, recorded_at) VALUES (?, ?, ?, ?)",
                dossierCode, revision, utc(dueAt), utc(recordedAt));
        jdbc.update("UPDATE dossier SET due_at = ? WHERE dossier_code = ?", utc(dueAt), dossierCode);
        return true;
    }

    /** Starts a step's clock, once: routing the step again (a supplement) keeps the first start. */
    void stepStarted(String dossierCode, String system, Instant at) {
        jdbc.update("UPDATE dossier_step SET started_at = COALESCE(started_at, ?) WHERE dossier_code = ?"
                + " AND system_id = ?", utc(at), dossierCode, system);
    }

    /**
     * Keeps when a step finished as the index counts it: its first COMPLETED; without one, its first
     * RESULT_RETURNED or STOPPED. A later COMPLETED replaces a RESULT_RETURNED, nothing else moves it.
     */
    void stepFinished(String dossierCode, String system, DossierStatus status, Instant at) {
        if (status == DossierStatus.COMPLETED) {
            jdbc.update("UPDATE dossier_step SET finished_at = ?, finished_status = ? WHERE dossier_code = ?"
                    + " AND system_id = ? AND (finished_status IS NULL OR finished_status <> ?)", utc(at),
                    status.name(), dossierCode, system, status.name());
        } else {
            jdbc.update("UPDATE dossier_step SET finished_at = ?, finished_status = ? WHERE dossier_code = ?"
                    + " AND system_id = ? AND finished_status IS NULL", utc(at), status.name(), dossierCode, system);
        }
    }

    /** Stops a step's clock at {@code at}, unless it is stopped already or this very pause is known. */
    void pause(String dossierCode, String system, Instant at) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM clock_pause WHERE dossier_code = ? AND system_id = ?"
                + " AND (resumed_at IS NULL OR paused_at = ?)", Integer.class, dossierCode, system, utc(at));
        if (known == null || known == 0) {
            jdbc.update("INSERT INTO clock_pause (dossier_code, system_id, paused_at) VALUES (?, ?, ?)", dossierCode,
                    system, utc(at));
        }
    }

    /** Restarts a stopped step clock at {@code at} (never before it stopped); false when it was running. */
    boolean resume(String dossierCode, String system, Instant at) {
        return jdbc.update("UPDATE clock_pause SET resumed_at = CASE WHEN paused_at > ? THEN paused_at ELSE ? END"
                + " WHERE dossier_code = ? AND system_id = ? AND resumed_at IS NULL", utc(at), utc(at), dossierCode,
                system) > 0;
    }

    /** Keeps the dossier's due date, and when and how it finished against it (on_time: early or on time). */
    void saveDossier(String dossierCode, Instant deadlineAt, Instant finishedAt, Timeliness timeliness) {
        jdbc.update("UPDATE dossier SET deadline_at = ?, finished_at = ?, on_time = ?, timeliness = ?"
                        + " WHERE dossier_code = ?", utc(deadlineAt), utc(finishedAt),
                timeliness == null ? null : timeliness.onTime(), Objects.toString(timeliness, null), dossierCode);
    }

    /** Unfinished dossiers, not in one of {@code closedStates}, whose due date is before {@code now}. */
    long countOverdue(Instant now, Collection<String> closedStates) {
        return countOpenDue(null, now, closedStates);
    }

    /** Unfinished dossiers, not in one of {@code closedStates}, due in {@code [from, to)}; from null: any time before. */
    long countOpenDue(Instant from, Instant to, Collection<String> closedStates) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM dossier" + openDue(from, to, closedStates, args), Long.class,
                args.toArray());
        return n == null ? 0 : n;
    }

    /** The first {@code limit} of {@link #countOpenDue}'s dossiers, soonest due first. */
    List<DueDossiers.Due> openDue(Instant from, Instant to, Collection<String> closedStates, int limit) {
        List<Object> args = new ArrayList<>();
        return jdbc.query("SELECT dossier_code, procedure_code, receiving_agency, state, deadline_at FROM dossier"
                        + openDue(from, to, closedStates, args) + " ORDER BY deadline_at, dossier_code LIMIT " + limit,
                (rs, i) -> new DueDossiers.Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class)), args.toArray());
    }

    private static String openDue(Instant from, Instant to, Collection<String> closedStates, List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE finished_at IS NULL");
        if (from != null) {
            sql.append(" AND deadline_at >= ?");
            args.add(utc(from));
        }
        sql.append(" AND deadline_at < ? AND state NOT IN (")
                .append(String.join(", ", closedStates.stream().map(s -> "?").toList())).append(')');
        args.add(utc(to));
        args.addAll(closedStates);
        return sql.toString();
    }

    /** Per receiving agency, dossiers finished in {@code [from, to)}: how many early, on time and late. */
    List<AgencyCount> onTimeByAgency(Instant from, Instant to, String agency) {
        List<Object> args = new ArrayList<>(List.of(utc(from), utc(to)));
        String sql = "SELECT receiving_agency, SUM(CASE WHEN timeliness = 'EARLY' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN timeliness = 'ON_TIME' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN timeliness = 'LATE' THEN 1 ELSE 0 END) FROM dossier"
                + " WHERE finished_at >= ? AND finished_at < ? AND timeliness IS NOT NULL";
        if (agency != null) {
            sql += " AND receiving_agency = ?";
            args.add(agency);
        }
        sql += " GROUP BY receiving_agency ORDER BY receiving_agency";
        return jdbc.query(sql, (rs, i) -> new AgencyCount(rs.getString(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4)), args.toArray());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
