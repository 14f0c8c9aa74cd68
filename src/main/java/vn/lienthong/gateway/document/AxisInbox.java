package vn.lienthong.gateway.document;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.delivery.DeliveryHeaders;
import vn.lienthong.gateway.edxml.EdxmlDocument;
import vn.lienthong.gateway.edxml.EdxmlException;
import vn.lienthong.gateway.edxml.EdxmlMessage;
import vn.lienthong.gateway.edxml.EdxmlParser;
import vn.lienthong.gateway.edxml.EdxmlStatus;
import vn.lienthong.gateway.edxml.EdxmlValidator;
import vn.lienthong.gateway.edxml.MessageHeader;
import vn.lienthong.gateway.edxml.StatusCode;
import vn.lienthong.gateway.edxml.ValidationFinding;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.tracking.MessageIds;
import vn.lienthong.gateway.tracking.TrackingEvents;

/**
 * The receiving side of the axis connector, used by {@code routes/national-axis/national-axis-in-poll.yaml}:
 * lists the packages waiting on the axis, takes each one once (by the axis id), checks that it can be read
 * safely and is valid edXML, and says what the route must do with it. A package is acknowledged
 * {@code done} only after it is durable in the broker, {@code fail} when it can never be processed
 * (hostile, malformed or invalid: a readable invalid document also gets status 02 with the reason) or when
 * transient failures have used up {@code gateway.axis.max-attempts}.
 */
@NationalAxisFeature
@Component("axisInbox")
public class AxisInbox {

    /** Header: what the route does with the package (an {@link Outcome} name). */
    public static final String OUTCOME = "GatewayAxisOutcome";
    /** Header: the axis's id of the package. */
    public static final String AXIS_ID = "GatewayAxisId";
    /** Header: what the axis says the package is ({@code eDoc} or {@code Status}). */
    public static final String SERVICE_TYPE = "GatewayAxisServiceType";
    /** Header: why a package is refused. */
    public static final String REASON = "GatewayAxisReason";
    /** Header: the DocumentId a package is about, when it could be read. */
    public static final String DOCUMENT_ID = "GatewayDocumentId";
    /** Header: the claim-check reference of a stored package ({@link PackageStore}); the body is the same text. */
    public static final String PACKAGE_REF = "GatewayPackageRef";
    /** Header: the stored package's length in bytes. */
    public static final String PACKAGE_SIZE = "GatewayPackageSize";

    /** What happens to one package waiting on the axis. */
    public enum Outcome {
        /** Readable and valid: store it durably, then acknowledge done. */
        STORE,
        /** Never processable: acknowledge fail with the reason. */
        REFUSE,
        /** An invalid document from a known sender: store status 02 durably, then acknowledge fail. */
        REFUSE_WITH_STATUS,
        /** Taken before (the acknowledgement was lost): acknowledge again as before. */
        ALREADY_TAKEN,
        /** A transient failure: leave it on the axis for the next poll. */
        RETRY
    }

    /** Flow name of documents in tracking. */
    public static final String FLOW_DOCUMENT = "document";
    /** Flow name of edXML statuses in tracking. */
    public static final String FLOW_STATUS = "edxml-status";
    /** The connected system id of the axis. */
    public static final String AXIS_SYSTEM = "national-axis";

    private static final Logger log = LoggerFactory.getLogger(AxisInbox.class);

    private final AxisClient client;
    private final PackageStore packageStore;
    private final DocumentStore store;
    private final EdxmlParser parser;
    private final EdxmlPackages packages;
    private final AxisProperties properties;
    private final TrackingEvents events;
    private final EdxmlValidator validator = new EdxmlValidator();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    public AxisInbox(AxisClient client, PackageStore packageStore, DocumentStore store, EdxmlParser parser,
                     EdxmlPackages packages, AxisProperties properties, TrackingEvents events) {
        this.events = events;
        this.client = client;
        this.packageStore = packageStore;
        this.store = store;
        this.parser = parser;
        this.packages = packages;
        this.properties = properties;
    }

    /** The packages waiting for this system, documents first; an unreachable axis just means none this time. */
    public List<AxisClient.Item> pending() {
        List<AxisClient.Item> items = new ArrayList<>();
        for (AxisClient.ServiceType type : AxisClient.ServiceType.values()) {
            try {
                items.addAll(client.listReceived(type));
            } catch (GatewayException e) {
                log.warn("National document axis not polled for {} packages: {}", type.wire(), e.getMessage());
            }
        }
        return items;
    }

    /** Takes one package (the body, an {@link AxisClient.Item}) and sets {@link #OUTCOME} and the body for the route. */
    public void receive(Exchange exchange) {
        Message in = exchange.getIn();
        AxisClient.Item item = in.getBody(AxisClient.Item.class);
        in.setHeader(AXIS_ID, item.id());
        in.setHeader(SERVICE_TYPE, item.serviceType().wire());
        var receipt = store.receipt(item.id());
        if (receipt.isPresent()) {
            in.setHeader(OUTCOME, Outcome.ALREADY_TAKEN.name());
            in.setHeader(REASON, receipt.get().reason());
            return;
        }
        PackageStore.Stored stored = null;
        try {
            client.acknowledge(item.id(), AxisClient.Ack.PROCESSING, null);
            // The claim check: the package goes to disk as it arrives; only its reference goes on.
            stored = client.download(item.id(), packageStore, MessageIds.axisPackage(item.id()));
            classify(in, item, stored);
        } catch (GatewayException e) {
            retryOrGiveUp(in, item, e.isTransient(), e.getMessage(), e);
        } catch (EdxmlException e) {
            retryOrGiveUp(in, item, e.reason().isTransient(), e.toString(), e);
        } catch (RuntimeException e) {
            // Not a known failure of the package: count it as transient so a bug cannot drop a package at once.
            retryOrGiveUp(in, item, true, "unexpected failure: " + e, e);
        } finally {
            if (stored != null && !Outcome.STORE.name().equals(in.getHeader(OUTCOME))) {
                packageStore.delete(stored.ref());
            }
        }
    }

    private void classify(Message in, AxisClient.Item item, PackageStore.Stored stored) {
        EdxmlMessage message;
        try {
            message = parser.parse(stored.file());
        } catch (EdxmlException e) {
            if (e.reason().isTransient()) {
                throw e;
            }
            refuse(in, "Gói tin không đọc được (package cannot be read): " + e);
            return;
        }
        try {
            String documentId = documentId(message);
            in.setHeader(DOCUMENT_ID, documentId);
            String claimed = message.from() == null ? null : message.from().organId();
            if (item.from() != null && !item.from().isBlank() && claimed != null && !item.from().equals(claimed)) {
                // The signature policy and every answer follow From: a package must not speak for another agency.
                refuse(in, "Đơn vị gửi không khớp (sender mismatch): the axis delivered it from " + item.from()
                        + " but the package says From " + claimed);
                return;
            }
            List<ValidationFinding> errors = validator.validate(message).stream().filter(ValidationFinding::isError)
                    .toList();
            if (!errors.isEmpty()) {
                String reason = "Gói tin không hợp lệ (edXML invalid): " + errors.stream()
                        .map(f -> f.path() + " " + f.reason()).collect(Collectors.joining("; "));
                if (message instanceof EdxmlDocument document && canAnswer(document)) {
                    refuseWithStatus(in, document, reason);
                } else {
                    refuse(in, reason);
                }
                return;
            }
            // Derived from the axis id: a package taken twice (a lost receipt) is the same message to everyone after.
            String messageId = MessageIds.axisPackage(item.id());
            in.setHeader(DeliveryHeaders.MESSAGE_ID, messageId);
            in.setHeader(DeliveryHeaders.FLOW, message instanceof EdxmlDocument ? FLOW_DOCUMENT : FLOW_STATUS);
            in.setHeader(DeliveryHeaders.SYSTEM, AXIS_SYSTEM);
            in.setHeader(DeliveryHeaders.CORRELATION_ID, documentId);
            in.setHeader(DeliveryHeaders.GROUP, documentId);
            in.setHeader(OUTCOME, Outcome.STORE.name());
            in.setHeader(PACKAGE_REF, stored.ref());
            in.setHeader(PACKAGE_SIZE, stored.size());
            in.setBody(stored.ref());
        } finally {
            if (message instanceof EdxmlDocument document) {
                document.discardAttachments();
            }
        }
    }

    private static boolean canAnswer(EdxmlDocument document) {
        MessageHeader h = document.messageHeader();
        return h != null && h.from() != null && notBlank(h.from().organId()) && notBlank(h.documentId());
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** The DocumentId a package is about: its own, or for a status the one it answers. */
    static String documentId(EdxmlMessage message) {
        if (message instanceof EdxmlDocument d) {
            return d.messageHeader() == null ? null : d.messageHeader().documentId();
        }
        EdxmlStatus s = (EdxmlStatus) message;
        return s.responseFor() == null ? null : s.responseFor().documentId();
    }

    private void refuse(Message in, String reason) {
        log.warn("Axis package {} refused: {}", in.getHeader(AXIS_ID), reason);
        in.setHeader(OUTCOME, Outcome.REFUSE.name());
        in.setHeader(REASON, reason);
        in.setHeader(DeliveryHeaders.MESSAGE_ID, "axis:" + in.getHeader(AXIS_ID));
        in.setHeader(DeliveryHeaders.FLOW, FLOW_DOCUMENT);
        in.setHeader(DeliveryHeaders.SYSTEM, AXIS_SYSTEM);
        in.setHeader(DeliveryHeaders.CORRELATION_ID, in.getHeader(DOCUMENT_ID));
        in.setBody(null);
    }

    /** Prepares status 02 with the reason, addressed to the sender, for the refuse route to store durably. */
    private void refuseWithStatus(Message in, EdxmlDocument document, String reason) {
        MessageHeader h = document.messageHeader();
        DocumentStore.DocumentRow about = new DocumentStore.DocumentRow(h.documentId(), DocumentStore.INCOMING, null,
                null, null, null, h.from().organId(), h.from().organName(), h.code() == null ? null
                : h.code().display(), h.promulgationInfo() == null ? null : h.promulgationInfo().promulgationDate(),
                h.subject(), null, null, null, null, null, null, null, null);
        byte[] status = packages.status(about, StatusCode.REJECTED, clip(reason), null);
        // Derived from the axis id, like a stored package's: taken again after a crash, it is the same 02.
        String messageId = MessageIds.axisRefusal(in.getHeader(AXIS_ID, String.class));
        log.warn("Axis package {} ({}) refused with status 02: {}", in.getHeader(AXIS_ID), h.documentId(), reason);
        in.setHeader(OUTCOME, Outcome.REFUSE_WITH_STATUS.name());
        in.setHeader(REASON, reason);
        in.setHeader(DeliveryHeaders.MESSAGE_ID, messageId);
        in.setHeader(DeliveryHeaders.FLOW, FLOW_STATUS);
        in.setHeader(DeliveryHeaders.SYSTEM, AXIS_SYSTEM);
        in.setHeader(DeliveryHeaders.CORRELATION_ID, h.documentId());
        in.setHeader(DeliveryHeaders.GROUP, h.documentId());
        in.setBody(new String(status, StandardCharsets.UTF_8));
    }

    private void retryOrGiveUp(Message in, AxisClient.Item item, boolean transientFailure, String reason,
                               Exception cause) {
        int attempt = attempts.merge(item.id(), 1, Integer::sum);
        if (!transientFailure || attempt >= properties.maxAttempts()) {
            log.warn("Axis package {} given up after {} attempt(s): {}", item.id(), attempt, reason, cause);
            refuse(in, "Không xử lý được sau " + attempt + " lần (gave up after " + attempt + " attempt(s)): "
                    + reason);
            return;
        }
        log.warn("Axis package {} left on the axis for the next poll (attempt {} of {}): {}", item.id(), attempt,
                properties.maxAttempts(), reason);
        in.setHeader(OUTCOME, Outcome.RETRY.name());
        in.setHeader(REASON, reason);
    }

    /** Publishes the REJECTED event of a refused package, with its reason (inside the route's transaction, if any). */
    public void recordRefusal(Exchange exchange) {
        events.record(exchange, "REJECTED", "axis package " + exchange.getIn().getHeader(AXIS_ID) + " refused: "
                + exchange.getIn().getHeader(REASON));
    }

    /** After the package is durable in the broker: remember it and acknowledge done. */
    public void stored(Exchange exchange) {
        Message in = exchange.getIn();
        String axisId = in.getHeader(AXIS_ID, String.class);
        attempts.remove(axisId);
        remember(new DocumentStore.Receipt(axisId, in.getHeader(SERVICE_TYPE, String.class),
                in.getHeader(DOCUMENT_ID, String.class), in.getHeader(DeliveryHeaders.MESSAGE_ID, String.class),
                "DONE", null));
        acknowledgeQuietly(axisId, AxisClient.Ack.DONE, null);
    }

    /** A package that can never be processed: remember why and acknowledge fail with the reason. */
    public void refused(Exchange exchange) {
        Message in = exchange.getIn();
        String axisId = in.getHeader(AXIS_ID, String.class);
        String reason = in.getHeader(REASON, String.class);
        attempts.remove(axisId);
        remember(new DocumentStore.Receipt(axisId, in.getHeader(SERVICE_TYPE, String.class),
                in.getHeader(DOCUMENT_ID, String.class),
                in.getHeader(DeliveryHeaders.MESSAGE_ID, String.class), "FAIL", reason));
        acknowledgeQuietly(axisId, AxisClient.Ack.FAIL, reason);
    }

    /**
     * Records the receipt. The acknowledgement follows even when the database is down: the package is durable
     * already, and should the axis list it again, its message id (derived from the axis id) makes every
     * follow-up a repeat that the consumers and targets recognise.
     */
    private void remember(DocumentStore.Receipt receipt) {
        try {
            store.recordReceipt(receipt);
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("Receipt of axis package {} not recorded: {}", receipt.axisId(), e.getMessage());
        }
    }

    /** A package taken before whose acknowledgement did not reach the axis: acknowledge it again. */
    public void acknowledgeAgain(Exchange exchange) {
        Message in = exchange.getIn();
        String axisId = in.getHeader(AXIS_ID, String.class);
        String reason = in.getHeader(REASON, String.class);
        acknowledgeQuietly(axisId, reason == null ? AxisClient.Ack.DONE : AxisClient.Ack.FAIL, reason);
    }

    /** A lost acknowledgement is repeated at the next poll (the receipt says what to answer), so it is only logged. */
    private void acknowledgeQuietly(String axisId, AxisClient.Ack ack, String reason) {
        try {
            client.acknowledge(axisId, ack, reason);
        } catch (GatewayException e) {
            log.warn("Axis package {} could not be acknowledged {} now ({}); it will be at the next poll", axisId,
                    ack.wire(), e.getMessage());
        }
    }

    private static String clip(String reason) {
        return reason.length() > 1900 ? reason.substring(0, 1897) + "..." : reason;
    }
}
