package vn.lienthong.gateway.document;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.catalog.SystemKind;
import vn.lienthong.gateway.delivery.DeliveryHeaders;
import vn.lienthong.gateway.delivery.Dispatch;
import vn.lienthong.gateway.edxml.Bussiness;
import vn.lienthong.gateway.edxml.BussinessDocType;
import vn.lienthong.gateway.edxml.EdxmlDocument;
import vn.lienthong.gateway.edxml.EdxmlMessage;
import vn.lienthong.gateway.edxml.EdxmlParser;
import vn.lienthong.gateway.edxml.EdxmlStatus;
import vn.lienthong.gateway.edxml.MessageHeader;
import vn.lienthong.gateway.edxml.ReplacementInfo;
import vn.lienthong.gateway.edxml.StaffInfo;
import vn.lienthong.gateway.edxml.StatusCode;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.tracking.MessageIds;
import vn.lienthong.gateway.tracking.EventType;
import vn.lienthong.gateway.tracking.TrackingEvent;
import vn.lienthong.gateway.tracking.TrackingEvents;

/**
 * Processes each package taken from the axis (in the transacted consumer of {@code gateway.axis.received}):
 * verifies its signatures, applies the sender's signature policy, records it, and returns what to send on:
 * a document goes to the document office with status 01 back to the sender at once (or status 02 when the
 * policy rejects it); a status about a document goes to the document office and, for documents this
 * agency sent, onto the receiver's status list. A redelivered message yields the same dispatches again
 * (with the same ids, so targets drop the repeat); another NEW package of a known DocumentId, or the same
 * change package again, is a duplicate.
 */
@NationalAxisFeature
@Component("incomingPackages")
public class IncomingPackages {

    private static final Logger log = LoggerFactory.getLogger(IncomingPackages.class);

    private final EdxmlParser parser;
    private final PackageStore packageStore;
    private final SignatureCheck signatures;
    private final DocumentStore store;
    private final EdxmlPackages packages;
    private final DocumentOfficeMessages officeMessages;
    private final TrackingEvents events;
    private final Catalog catalog;
    private final ObjectMapper mapper;

    public IncomingPackages(EdxmlParser parser, PackageStore packageStore, SignatureCheck signatures,
                            DocumentStore store, EdxmlPackages packages, DocumentOfficeMessages officeMessages,
                            TrackingEvents events, Catalog catalog, ObjectMapper mapper) {
        this.parser = parser;
        this.packageStore = packageStore;
        this.signatures = signatures;
        this.store = store;
        this.packages = packages;
        this.officeMessages = officeMessages;
        this.events = events;
        this.catalog = catalog;
        this.mapper = mapper;
    }

    /**
     * The dispatches for one received package: the claim check's reference ({@link AxisInbox#PACKAGE_REF}), or
     * the package itself in the body (messages stored before the claim check).
     */
    public List<Dispatch> process(Exchange exchange) {
        String messageId = exchange.getIn().getHeader(DeliveryHeaders.MESSAGE_ID, String.class);
        String axisId = exchange.getIn().getHeader(AxisInbox.AXIS_ID, String.class);
        String ref = exchange.getIn().getHeader(AxisInbox.PACKAGE_REF, String.class);
        ReceivedPackage received = ref != null ? ReceivedPackage.stored(packageStore.get(ref), packageStore)
                : ReceivedPackage.inline(exchange.getIn().getBody(byte[].class));
        EdxmlMessage message = received.parse(parser);
        try {
            SignatureCheck.Outcome signature = signatures.check(received, message);
            if (message instanceof EdxmlDocument document) {
                return document(document, received, messageId, axisId, signature);
            }
            return status((EdxmlStatus) message, received, messageId, signature);
        } finally {
            if (message instanceof EdxmlDocument document) {
                document.discardAttachments();
            }
        }
    }

    private List<Dispatch> document(EdxmlDocument document, ReceivedPackage received, String messageId,
                                    String axisId, SignatureCheck.Outcome signature) {
        MessageHeader h = document.messageHeader();
        String documentId = h.documentId();
        BussinessDocType type = document.bussinessDocType().orElse(BussinessDocType.NEW);
        String related = related(document, type);
        String hash = received.sha256();
        // A document (NEW) is one per DocumentId; a change (recall, update, replacement) is one per content: a
        // second UPDATE of a document is a new package with its own answer, only the same package is a duplicate.
        Optional<DocumentStore.DocumentRow> known = type == BussinessDocType.NEW
                ? store.find(documentId, DocumentStore.INCOMING, type.name())
                : store.findChangePackage(documentId, type.name(), hash);
        if (known.isPresent() && !known.get().messageId().equals(messageId)
                && "REJECTED".equals(known.get().state()) && known.get().deliveredAt() == null) {
            // The gateway refused the first one (02 sent, never delivered): a corrected re-send takes its place.
            log.info("{} package of {} re-sent after the gateway rejected message {}; the new one replaces it",
                    type, documentId, known.get().messageId());
            store.deleteByMessageId(known.get().messageId());
            known = Optional.empty();
        }
        if (known.isPresent() && !known.get().messageId().equals(messageId)) {
            events.publish(TrackingEvent.now(EventType.DUPLICATE, AxisInbox.FLOW_DOCUMENT, AxisInbox.AXIS_SYSTEM,
                    messageId, documentId, null, hash, type + " package of " + documentId + " already received as"
                            + " message " + known.get().messageId() + (hash.equals(known.get().contentSha256())
                            ? " (same content)" : " (different content; the first one stands)")));
            return List.of();
        }
        boolean rejected = !signature.accepted();
        DocumentStore.DocumentRow row = new DocumentStore.DocumentRow(documentId, DocumentStore.INCOMING, type.name(),
                related, messageId, axisId, h.from().organId(), h.from().organName(),
                h.code() == null ? null : h.code().display(),
                h.promulgationInfo() == null ? null : h.promulgationInfo().promulgationDate(), h.subject(), hash,
                signature.result().name(), json(officeMessages.signature(signature)),
                rejected ? "REJECTED" : "RECEIVED", rejected ? signature.reason() : null, OffsetDateTime.now(), null,
                null);
        if (known.isEmpty()) {
            store.insertDocument(row);
        }
        List<Dispatch> dispatches = new ArrayList<>();
        if (rejected) {
            events.publish(TrackingEvent.now(EventType.REJECTED, AxisInbox.FLOW_DOCUMENT, AxisInbox.AXIS_SYSTEM,
                    messageId, documentId, null, hash, signature.reason()));
            dispatches.add(statusToAxis(row, messageId, StatusCode.REJECTED, signature.reason()));
            return dispatches;
        }
        boolean relatedKnown = related != null && !store.packages(related, DocumentStore.INCOMING).isEmpty();
        String office = officeSystem();
        String deliveryId = derivedId(messageId, office);
        dispatches.add(new Dispatch(office, AxisInbox.FLOW_DOCUMENT, deliveryId, documentId,
                officeMessages.document(document, received, deliveryId, type.name(), related, relatedKnown,
                        signature)));
        events.publish(TrackingEvent.now(EventType.ROUTED, AxisInbox.FLOW_DOCUMENT, office, deliveryId, documentId,
                null, hash, type + " package from " + h.from().organId() + ", signature " + signature.result()
                        + " (policy " + signature.policy().name().toLowerCase(java.util.Locale.ROOT) + ")"
                        + (related != null ? ", changes " + related : "")));
        dispatches.add(statusToAxis(row, messageId, StatusCode.ARRIVED, "Văn bản đã đến (arrived)"));
        log.info("Document {} ({}) from {} received: to {} with status 01 back", documentId, type,
                h.from().organId(), office);
        return dispatches;
    }

    /** The document a recall, update or replacement changes: the one it names, else its own id. */
    private static String related(EdxmlDocument document, BussinessDocType type) {
        if (type == BussinessDocType.NEW) {
            return null;
        }
        String own = document.messageHeader().documentId();
        Bussiness b = document.traceHeaderList() == null ? null : document.traceHeaderList().bussiness();
        if (type == BussinessDocType.REPLACE && b != null) {
            for (ReplacementInfo info : b.replacementInfoList()) {
                if (info.documentId() != null && !info.documentId().isBlank()) {
                    return info.documentId();
                }
            }
        }
        if (b != null && b.documentId() != null && !b.documentId().isBlank()) {
            return b.documentId();
        }
        return own;
    }

    /** Status {@code code} of this agency about an incoming document, to the axis; its id derives from the package's. */
    private Dispatch statusToAxis(DocumentStore.DocumentRow document, String messageId, StatusCode code,
                                  String description) {
        String statusId = derivedId(messageId, "status-" + code.code());
        if (store.insertStatus(new DocumentStore.StatusRow(statusId, document.documentId(), DocumentStore.INCOMING,
                packages.agencyId(), code.code(), description, null, OffsetDateTime.now()))) {
            events.publish(TrackingEvent.now(EventType.STATUS_RECEIVED, AxisInbox.FLOW_STATUS, AxisInbox.AXIS_SYSTEM,
                    statusId, document.documentId(), null, null, "status " + code.code() + " by the gateway: "
                            + description));
        }
        byte[] status = packages.status(document, code, description, (StaffInfo) null);
        return new Dispatch(AxisInbox.AXIS_SYSTEM, AxisInbox.FLOW_STATUS, statusId, document.documentId(),
                new String(status, StandardCharsets.UTF_8));
    }

    private List<Dispatch> status(EdxmlStatus status, ReceivedPackage received, String messageId,
                                  SignatureCheck.Outcome signature) {
        String documentId = status.responseFor().documentId();
        String hash = received.sha256();
        String sender = status.from().organId();
        if (!signature.accepted()) {
            events.publish(TrackingEvent.now(EventType.REJECTED, AxisInbox.FLOW_STATUS, AxisInbox.AXIS_SYSTEM,
                    messageId, documentId, null, hash, "status " + status.statusCode() + " from " + sender
                            + " dropped: " + signature.reason()));
            return List.of();
        }
        String direction;
        if (!store.packages(documentId, DocumentStore.OUTGOING).isEmpty()) {
            direction = DocumentStore.OUTGOING;
        } else if (!store.packages(documentId, DocumentStore.INCOMING).isEmpty()) {
            direction = DocumentStore.INCOMING;
        } else {
            direction = "UNKNOWN";
        }
        if (!"UNKNOWN".equals(direction)) {
            store.insertStatus(new DocumentStore.StatusRow(messageId, documentId, direction, sender,
                    status.statusCode(), status.description(), staff(status.staffInfo()), OffsetDateTime.now()));
            if (DocumentStore.INCOMING.equals(direction) && StatusCode.RECALL_REQUESTED.code().equals(
                    status.statusCode())) {
                // A package the gateway refused (signature policy) stays refused: there is nothing to recall.
                store.packages(documentId, DocumentStore.INCOMING).stream()
                        .filter(d -> !"REJECTED".equals(d.state()))
                        .forEach(d -> store.updateState(d.messageId(), "RECALL_REQUESTED", "recall requested by "
                                + sender + ": " + status.description()));
            }
        }
        String office = officeSystem();
        String deliveryId = derivedId(messageId, office);
        events.publish(TrackingEvent.now(EventType.STATUS_RECEIVED, AxisInbox.FLOW_STATUS, AxisInbox.AXIS_SYSTEM,
                messageId, documentId, null, hash, "status " + status.statusCode() + " from " + sender + " about "
                        + ("UNKNOWN".equals(direction) ? "a document the gateway does not know"
                        : "an " + direction.toLowerCase(java.util.Locale.ROOT) + " document")));
        return List.of(new Dispatch(office, AxisInbox.FLOW_STATUS, deliveryId, documentId,
                officeMessages.status(status, received, deliveryId, direction, signature)));
    }

    private static String staff(StaffInfo staff) {
        if (staff == null) {
            return null;
        }
        return String.join(", ", java.util.stream.Stream.of(staff.staff(), staff.department(), staff.email(),
                staff.mobile()).filter(s -> s != null && !s.isBlank()).toList());
    }

    /** The document office system receiving what arrives on the axis. */
    private String officeSystem() {
        return catalog.systems().stream().filter(s -> s.kind() == SystemKind.DOCUMENT_OFFICE).findFirst()
                .map(ConnectedSystem::id).orElseThrow(() -> new GatewayException(ErrorCode.UNKNOWN_SYSTEM,
                        "No document-office system is configured in config/systems/; documents from the axis"
                                + " cannot be delivered"));
    }

    /** A stable id for a follow-up of a message, so a redelivery produces the same ids. */
    static String derivedId(String messageId, String what) {
        return MessageIds.followUp(messageId, what);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a signature report could not be written", e);
        }
    }
}
