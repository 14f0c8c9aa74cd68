package vn.lienthong.gateway.dossier;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Reads and writes dossiers, their revisions and steps; all SQL uses parameters. */
@Repository
public class DossierStore {

    /** A stored revision: enough to answer a duplicate submission and to deliver the payload again. */
    public record Revision(String dossierCode, int revision, String messageId, String contentSha256, String payload) {
    }

    /** A dossier row. */
    public record DossierRow(String dossierCode, String procedureCode, String originSystem, String receivingAgency,
                             int revision,
                             String state, OffsetDateTime receivedAt, OffsetDateTime dueAt, OffsetDateTime updatedAt) {
    }

    /** A step row. */
    public record StepRow(String dossierCode, String system, String agencyCode, String after, String state,
                          String messageId, OffsetDateTime routedAt, OffsetDateTime deliveredAt,
                          OffsetDateTime completedAt) {
    }

    private static final RowMapper<StepRow> STEP = (rs, i) -> new StepRow(rs.getString("dossier_code"),
            rs.getString("system_id"), rs.getString("agency_code"), rs.getString("after_system"),
            rs.getString("state"), rs.getString("message_id"), rs.getObject("routed_at", OffsetDateTime.class),
            rs.getObject("delivered_at", OffsetDateTime.class),
            rs.getObject("completed_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;

    public DossierStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Revision> findRevision(String dossierCode, int revision) {
        return jdbc.query("SELECT dossier_code, revision, message_id, content_sha256, payload FROM dossier_revision"
                        + " WHERE dossier_code = ? AND revision = ?",
                (rs, i) -> new Revision(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), dossierCode, revision).stream().findFirst();
    }

    public Optional<Revision> latestRevision(String dossierCode) {
        return jdbc.query("SELECT dossier_code, revision, message_id, content_sha256, payload FROM dossier_revision"
                        + " WHERE dossier_code = ? ORDER BY revision DESC",
                (rs, i) -> new Revision(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), dossierCode).stream().findFirst();
    }

    public void insertRevision(Revision r, OffsetDateTime receivedAt) {
        jdbc.update("INSERT INTO dossier_revision (dossier_code, revision, message_id, content_sha256, payload,"
                + " received_at) VALUES (?, ?, ?, ?, ?, ?)", r.dossierCode(), r.revision(), r.messageId(),
                r.contentSha256(), r.payload(), utc(receivedAt));
    }

    public Optional<DossierRow> findDossier(String dossierCode) {
        return selectDossier(dossierCode, "");
    }

    /**
     * The dossier, its row locked until the transaction ends: statuses and revisions of one dossier are applied
     * one after the other, never on a view of the steps another transaction is about to change.
     */
    public Optional<DossierRow> lockDossier(String dossierCode) {
        return selectDossier(dossierCode, " FOR UPDATE");
    }

    private Optional<DossierRow> selectDossier(String dossierCode, String lock) {
        return jdbc.query("SELECT dossier_code, procedure_code, origin_system, receiving_agency, revision, state, received_at,"
                        + " due_at, updated_at FROM dossier WHERE dossier_code = ?" + lock,
                (rs, i) -> new DossierRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
                        rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class)),
                dossierCode).stream().findFirst();
    }

    public void insertDossier(DossierRow d) {
        jdbc.update("INSERT INTO dossier (dossier_code, procedure_code, origin_system, receiving_agency, revision, state,"
                        + " received_at, due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", d.dossierCode(),
                d.procedureCode(), d.originSystem(), d.receivingAgency(), d.revision(), d.state(), utc(d.receivedAt()), utc(d.dueAt()), now());
    }

    public void updateDossier(String dossierCode, int revision, String state) {
        jdbc.update("UPDATE dossier SET revision = ?, state = ?, updated_at = ? WHERE dossier_code = ?",
                revision, state, now(), dossierCode);
    }

    public void updateDossierState(String dossierCode, String state) {
        jdbc.update("UPDATE dossier SET state = ?, updated_at = ? WHERE dossier_code = ?", state, now(), dossierCode);
    }

    public List<StepRow> steps(String dossierCode) {
        return jdbc.query("SELECT * FROM dossier_step WHERE dossier_code = ? ORDER BY routed_at NULLS LAST, system_id",
                STEP, dossierCode);
    }

    public void insertStep(String dossierCode, String system, String agencyCode, String after, String state) {
        jdbc.update("INSERT INTO dossier_step (dossier_code, system_id, agency_code, after_system, state, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", dossierCode, system, agencyCode, after, state, now());
    }

    /** Marks a step as routed with the delivery message id. */
    public void stepRouted(String dossierCode, String system, String messageId) {
        jdbc.update("UPDATE dossier_step SET state = ?, message_id = ?, routed_at = ?, updated_at = ?"
                + " WHERE dossier_code = ? AND system_id = ?", StepState.ROUTED, messageId, now(), now(),
                dossierCode, system);
    }

    /**
     * Records a delivery outcome. The state only moves while the department has not reported yet:
     * a fast department's IN_PROGRESS must not be overwritten by the late DELIVERED of the same hop.
     */
    public void stepDeliveryState(String dossierCode, String system, String state, boolean delivered) {
        jdbc.update("UPDATE dossier_step SET state = CASE WHEN state IN ('ROUTED', 'DELIVERING', 'DELIVERED',"
                        + " 'RETRYING', 'DEAD_LETTERED') THEN ? ELSE state END, delivered_at = CASE WHEN ? THEN COALESCE(delivered_at, ?)"
                        + " ELSE delivered_at END, updated_at = ? WHERE dossier_code = ? AND system_id = ?",
                state, delivered, now(), now(), dossierCode, system);
    }

    /** Records a department status on its step. */
    public void stepStatus(String dossierCode, String system, DossierStatus status, OffsetDateTime at) {
        jdbc.update("UPDATE dossier_step SET state = ?, completed_at = CASE WHEN ? THEN ? ELSE completed_at END,"
                        + " updated_at = ? WHERE dossier_code = ? AND system_id = ?", status.name(),
                status.isFinished(), utc(at), now(), dossierCode, system);
    }

    /** Records which broker message applied the step's latest status (null when it came another way). */
    public void statusAppliedBy(String dossierCode, String system, String brokerMessageId) {
        jdbc.update("UPDATE dossier_step SET status_broker_message_id = ? WHERE dossier_code = ? AND system_id = ?",
                brokerMessageId, dossierCode, system);
    }

    /** The broker message that applied the step's latest status; empty when unknown. */
    public Optional<String> statusAppliedBy(String dossierCode, String system) {
        return jdbc.query("SELECT status_broker_message_id FROM dossier_step WHERE dossier_code = ? AND system_id = ?",
                (rs, i) -> rs.getString(1), dossierCode, system).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
