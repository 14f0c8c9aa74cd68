package vn.lienthong.gateway.document;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.contract.JsonContract;
import vn.lienthong.gateway.contract.JsonContracts;
import vn.lienthong.gateway.delivery.DeliveryHeaders;
import vn.lienthong.gateway.edxml.BussinessDocType;
import vn.lienthong.gateway.edxml.EdxmlException;
import vn.lienthong.gateway.edxml.StaffInfo;
import vn.lienthong.gateway.edxml.StatusCode;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.tracking.MessageIds;

/**
 * Relays the document office's statuses on documents that arrived over the axis (03, 04, 05, 06, or 02 with
 * a reason; 15 or 16 to answer a recall or update) as signed edXML status messages to the sender, stored
 * durably in the axis's delivery queue before the office gets its answer.
 */
@NationalAxisFeature
@Component
public class DocumentStatuses {

    private final JsonContracts contracts;
    private final DocumentStore store;
    private final EdxmlPackages packages;
    private final ProducerTemplate producer;

    public DocumentStatuses(JsonContracts contracts, DocumentStore store, EdxmlPackages packages,
                            ProducerTemplate producer) {
        this.contracts = contracts;
        this.store = store;
        this.packages = packages;
        this.producer = producer;
    }

    /** Checks, signs and stores one status; returns its message id. */
    public String report(String caller, String documentId, byte[] body) {
        JsonNode update = contracts.read(body, JsonContract.DOCUMENT_STATUS);
        List<DocumentStore.DocumentRow> received = store.packages(documentId, DocumentStore.INCOMING);
        if (received.isEmpty()) {
            throw new GatewayException(ErrorCode.NOT_FOUND, "Document " + documentId + " did not arrive over the"
                    + " national document axis (or is still on its way); statuses are only sent for received documents");
        }
        StatusCode code = StatusCode.fromCode(update.get("status").asText()).orElseThrow();
        DocumentStore.DocumentRow document = received.stream()
                .filter(d -> BussinessDocType.NEW.name().equals(d.businessType())).findFirst()
                .orElse(received.get(0));
        if ((code == StatusCode.RECALL_AGREED || code == StatusCode.RECALL_REFUSED) && !changeRequested(documentId,
                received)) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, "Status " + code.code() + " answers a recall or"
                    + " update request, but none was received for " + documentId,
                    List.of(new FieldError("/status", "no recall or update of this document was requested")));
        }
        String description = update.hasNonNull("description") ? update.get("description").asText()
                : defaultDescription(code);
        JsonNode s = update.path("staff");
        StaffInfo staff = s.isMissingNode() ? null : new StaffInfo(text(s, "department"), text(s, "name"),
                text(s, "email"), text(s, "mobile"));
        byte[] status;
        try {
            status = packages.status(document, code, description, staff);
        } catch (EdxmlException e) {
            throw DocumentErrors.of(e);
        }
        // Derived from the package it answers and what it says: the same status sent again (the office retrying
        // after a crash or a lost answer) is the same message, stored once and sent with the same id.
        boolean answersChange = code == StatusCode.RECALL_AGREED || code == StatusCode.RECALL_REFUSED;
        DocumentStore.DocumentRow answered = answersChange ? received.stream()
                .max(Comparator.comparing(DocumentStore.DocumentRow::receivedAt)).orElse(document) : document;
        String messageId = MessageIds.officeStatus(answered.messageId(), code.code(), description,
                staff == null ? null : staff.staff());
        boolean first = store.insertStatus(new DocumentStore.StatusRow(messageId, documentId, DocumentStore.INCOMING,
                packages.agencyId(), code.code(), description, staff == null ? null : staff.staff(),
                OffsetDateTime.now()));
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(DeliveryHeaders.MESSAGE_ID, messageId);
        headers.put(DeliveryHeaders.FLOW, AxisInbox.FLOW_STATUS);
        headers.put(DeliveryHeaders.SYSTEM, caller);
        headers.put(DeliveryHeaders.CORRELATION_ID, documentId);
        headers.put(DeliveryHeaders.GROUP, documentId);
        headers.put("GatewayEdxmlStatus", code.code());
        try {
            producer.sendBodyAndHeaders("direct:doc-office-in-status", new String(status, StandardCharsets.UTF_8),
                    headers);
        } catch (CamelExecutionException e) {
            if (first) {
                store.deleteStatus(messageId);
            }
            throw new GatewayException(ErrorCode.BROKER_UNAVAILABLE, "The status could not be stored durably ("
                    + e.getCause().getMessage() + "); it was not accepted, send it again later", e);
        }
        if (!first) {
            // A resend: stored again in the queue in case the first never got there (its id lets the axis drop
            // it); the document's state already says what this status changed.
            return messageId;
        }
        if (code == StatusCode.REJECTED) {
            store.updateState(document.messageId(), "REJECTED", "refused by the document office: " + description);
        }
        List<DocumentStore.DocumentRow> recallRequested = received.stream()
                .filter(d -> "RECALL_REQUESTED".equals(d.state())).toList();
        if (code == StatusCode.RECALL_AGREED && !recallRequested.isEmpty()) {
            recallRequested.forEach(d -> store.updateState(d.messageId(), "RECALLED", "recall agreed (15)"));
        } else if (code == StatusCode.RECALL_AGREED) {
            // Agreement to a recall or change package (no 13): the latest package is the one agreed to.
            received.stream().max(Comparator.comparing(DocumentStore.DocumentRow::receivedAt))
                    .ifPresent(d -> store.updateState(d.messageId(), "RECALLED", "recall agreed (15)"));
        }
        if (code == StatusCode.RECALL_REFUSED) {
            // The document stays with the office: back to where the recall request found it.
            recallRequested.forEach(d -> store.updateState(d.messageId(), d.deliveredAt() != null ? "DELIVERED"
                    : "RECEIVED", "recall refused (16): " + description));
        }
        return messageId;
    }

    /** Whether the sender asked to recall or change the document: a 13 status or a recall/update/replace package. */
    private boolean changeRequested(String documentId, List<DocumentStore.DocumentRow> received) {
        boolean changePackage = received.stream().anyMatch(d -> !BussinessDocType.NEW.name().equals(d.businessType()));
        return changePackage || store.statuses(documentId).stream()
                .anyMatch(s -> StatusCode.RECALL_REQUESTED.code().equals(s.statusCode()));
    }

    private static String defaultDescription(StatusCode code) {
        return switch (code) {
            case ACCEPTED -> "Đã tiếp nhận (accepted)";
            case ASSIGNED -> "Đã phân công (assigned)";
            case IN_PROGRESS -> "Đang xử lý (in progress)";
            case COMPLETED -> "Đã hoàn thành (completed)";
            case RECALL_AGREED -> "Đồng ý (agreed)";
            case RECALL_REFUSED -> "Từ chối (refused)";
            default -> code.name();
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
