package vn.lienthong.gateway.document;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Reads and writes edXML documents, their receivers, their statuses and the axis receipts; all SQL uses parameters. */
@NationalAxisFeature
@Repository
public class DocumentStore {

    public static final String OUTGOING = "OUTGOING";
    public static final String INCOMING = "INCOMING";

    /** One package of a document, sent or received. */
    public record DocumentRow(String documentId, String direction, String businessType, String relatedDocumentId,
                              String messageId, String axisId, String fromOrganId, String fromOrganName, String code,
                              String promulgationDate, String subject, String contentSha256, String signatureResult,
                              String signatureReport, String state, String stateDetail, OffsetDateTime receivedAt,
                              OffsetDateTime deliveredAt, OffsetDateTime updatedAt) {
    }

    /** One edXML status about a document. */
    public record StatusRow(String messageId, String documentId, String direction, String organId, String statusCode,
                            String description, String staff, OffsetDateTime at) {
    }

    /** One receiver of an outgoing document. */
    public record ReceiverRow(String organId, String organName) {
    }

    /** A package taken from the axis, and what became of it. */
    public record Receipt(String axisId, String serviceType, String documentId, String messageId, String outcome,
                          String reason) {
    }

    private static final String DOCUMENT_COLUMNS = "document_id, direction, business_type, related_document_id,"
            + " message_id, axis_id, from_organ_id, from_organ_name, code, promulgation_date, subject, content_sha256,"
            + " signature_result, signature_report, state, state_detail, received_at, delivered_at, updated_at";

    private static final RowMapper<DocumentRow> DOCUMENT = (rs, i) -> new DocumentRow(rs.getString(1),
            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
            rs.getString(14), rs.getString(15), rs.getString(16), rs.getObject(17, OffsetDateTime.class),
            rs.getObject(18, OffsetDateTime.class), rs.getObject(19, OffsetDateTime.class));

    private final JdbcTemplate jdbc;

    public DocumentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a package row; false when the same package is already stored: for a received change package (not
     * NEW) the same document, type and content; for any other the same document, direction and business type.
     */
    public boolean insertDocument(DocumentRow d) {
        try {
            jdbc.update("INSERT INTO edxml_document (package_key, " + DOCUMENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?,"
                            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", packageKey(d), d.documentId(), d.direction(), d.businessType(),
                    d.relatedDocumentId(), d.messageId(), d.axisId(), d.fromOrganId(), clip(d.fromOrganName(), 500),
                    clip(d.code(), 100), d.promulgationDate(), clip(d.subject(), 1000), d.contentSha256(),
                    d.signatureResult(), d.signatureReport(), d.state(), clip(d.stateDetail(), 2000),
                    utc(d.receivedAt()), utc(d.deliveredAt()), now());
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The key that tells packages of one document, direction and type apart (see V11). */
    static String packageKey(DocumentRow d) {
        return INCOMING.equals(d.direction()) && !"NEW".equals(d.businessType()) && d.contentSha256() != null
                ? d.contentSha256() : "";
    }

    /** The received change package of this document and type with exactly this content, if any. */
    public Optional<DocumentRow> findChangePackage(String documentId, String businessType, String contentSha256) {
        return jdbc.query("SELECT " + DOCUMENT_COLUMNS + " FROM edxml_document WHERE document_id = ? AND direction = ?"
                + " AND business_type = ? AND package_key = ?", DOCUMENT, documentId, INCOMING, businessType,
                contentSha256).stream().findFirst();
    }

    public Optional<DocumentRow> find(String documentId, String direction, String businessType) {
        return jdbc.query("SELECT " + DOCUMENT_COLUMNS + " FROM edxml_document WHERE document_id = ? AND direction = ?"
                + " AND business_type = ?", DOCUMENT, documentId, direction, businessType).stream().findFirst();
    }

    /** Every package of a document id, oldest first. */
    public List<DocumentRow> packages(String documentId) {
        return jdbc.query("SELECT " + DOCUMENT_COLUMNS + " FROM edxml_document WHERE document_id = ?"
                + " ORDER BY received_at, business_type", DOCUMENT, documentId);
    }

    /**
     * The latest packages, newest first, of one direction (or both, when null), whose document id, number or
     * subject contains {@code text} (any, when null).
     */
    public List<DocumentRow> latest(String direction, String text, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + DOCUMENT_COLUMNS + " FROM edxml_document WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (direction != null) {
            sql.append(" AND direction = ?");
            args.add(direction);
        }
        if (text != null) {
            sql.append(" AND (LOWER(document_id) LIKE ? OR LOWER(code) LIKE ? OR LOWER(subject) LIKE ?)");
            String like = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            args.addAll(List.of(like, like, like));
        }
        sql.append(" ORDER BY received_at DESC, document_id LIMIT ").append(Math.max(1, limit)).append(" OFFSET ")
                .append(Math.max(0, offset));
        return jdbc.query(sql.toString(), DOCUMENT, args.toArray());
    }

    /** Packages of one direction for a document id, oldest first. */
    public List<DocumentRow> packages(String documentId, String direction) {
        return packages(documentId).stream().filter(d -> d.direction().equals(direction)).toList();
    }

    public Optional<DocumentRow> findByMessageId(String messageId) {
        return jdbc.query("SELECT " + DOCUMENT_COLUMNS + " FROM edxml_document WHERE message_id = ?", DOCUMENT,
                messageId).stream().findFirst();
    }

    /** Removes a package that was never queued; the receivers go too unless another package of the document needs them. */
    public void deleteByMessageId(String messageId) {
        Optional<DocumentRow> row = findByMessageId(messageId);
        jdbc.update("DELETE FROM edxml_document WHERE message_id = ?", messageId);
        row.filter(r -> OUTGOING.equals(r.direction())).ifPresent(r -> jdbc.update(
                "DELETE FROM edxml_receiver WHERE document_id = ? AND NOT EXISTS (SELECT 1 FROM edxml_document"
                        + " WHERE document_id = ? AND direction = ?)", r.documentId(), r.documentId(), OUTGOING));
    }

    public void updateState(String messageId, String state, String detail) {
        jdbc.update("UPDATE edxml_document SET state = ?, state_detail = ?, updated_at = ? WHERE message_id = ?",
                state, clip(detail, 2000), now(), messageId);
    }

    /** Records that an outgoing package was accepted by the axis under {@code axisId}. */
    public void sent(String messageId, String axisId) {
        jdbc.update("UPDATE edxml_document SET state = 'SENT', axis_id = ?, delivered_at = ?, updated_at = ?"
                + " WHERE message_id = ?", axisId, now(), now(), messageId);
    }

    /** Records that an incoming package reached the document office. */
    public void delivered(String documentId, String businessType) {
        jdbc.update("UPDATE edxml_document SET state = CASE WHEN state = 'RECEIVED' OR state = 'DELIVERING'"
                        + " THEN 'DELIVERED' ELSE state END, delivered_at = ?, updated_at = ? WHERE document_id = ?"
                        + " AND direction = ? AND business_type = ?", now(), now(), documentId, INCOMING, businessType);
    }

    public void insertReceivers(String documentId, List<ReceiverRow> receivers) {
        for (ReceiverRow r : receivers) {
            if (jdbc.queryForObject("SELECT COUNT(*) FROM edxml_receiver WHERE document_id = ? AND organ_id = ?",
                    Integer.class, documentId, r.organId()) == 0) {
                jdbc.update("INSERT INTO edxml_receiver (document_id, organ_id, organ_name) VALUES (?, ?, ?)",
                        documentId, r.organId(), clip(r.organName(), 500));
            }
        }
    }

    public List<ReceiverRow> receivers(String documentId) {
        return jdbc.query("SELECT organ_id, organ_name FROM edxml_receiver WHERE document_id = ? ORDER BY organ_id",
                (rs, i) -> new ReceiverRow(rs.getString(1), rs.getString(2)), documentId);
    }

    /** Stores a status; false when a status with this message id is already stored (a redelivery). */
    public boolean insertStatus(StatusRow s) {
        try {
            jdbc.update("INSERT INTO edxml_status (message_id, document_id, direction, organ_id, status_code,"
                            + " description, staff, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", s.messageId(), s.documentId(),
                    s.direction(), s.organId(), s.statusCode(), clip(s.description(), 2000), clip(s.staff(), 500),
                    utc(s.at()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public void deleteStatus(String messageId) {
        jdbc.update("DELETE FROM edxml_status WHERE message_id = ?", messageId);
    }

    public List<StatusRow> statuses(String documentId) {
        return jdbc.query("SELECT message_id, document_id, direction, organ_id, status_code, description, staff, at"
                        + " FROM edxml_status WHERE document_id = ? ORDER BY seq",
                (rs, i) -> new StatusRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class)),
                documentId);
    }

    public Optional<Receipt> receipt(String axisId) {
        return jdbc.query("SELECT axis_id, service_type, document_id, message_id, outcome, reason FROM axis_receipt"
                        + " WHERE axis_id = ?", (rs, i) -> new Receipt(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)), axisId).stream()
                .findFirst();
    }

    /** Records what became of a package taken from the axis; a second record for the same id is ignored. */
    public void recordReceipt(Receipt r) {
        try {
            jdbc.update("INSERT INTO axis_receipt (axis_id, service_type, document_id, message_id, outcome, reason, at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)", r.axisId(), r.serviceType(), clip(r.documentId(), 200),
                    r.messageId(), r.outcome(), clip(r.reason(), 2000), now());
        } catch (DuplicateKeyException e) {
            // taken before: the first record stands
        }
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 3) + "...";
    }

    private static OffsetDateTime utc(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
