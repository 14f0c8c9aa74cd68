package vn.lienthong.gateway.simulator.axis;

import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import vn.lienthong.gateway.document.NationalAxisFeature;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.edxml.AttachmentSink;
import vn.lienthong.gateway.edxml.EdxmlDocument;
import vn.lienthong.gateway.edxml.EdxmlMessage;
import vn.lienthong.gateway.edxml.EdxmlParser;
import vn.lienthong.gateway.edxml.EdxmlStatus;

/**
 * The demo national document axis: the packages waiting for the gateway (put there with
 * {@code POST /sim/axis/inbox}) with their acknowledgement state, and the packages the gateway sent.
 */
@NationalAxisFeature
@Component
@Profile("demo")
public class AxisSimulator {

    /**
     * A package on the axis.
     *
     * @param id          the axis id
     * @param serviceType {@code eDoc} or {@code Status}
     * @param from        sending agency, when the package could be read
     * @param documentId  the document (or, for a status, the document it answers), when readable
     * @param statusCode  for a status, its code
     * @param description for a status, its description
     * @param at          when it reached the axis
     * @param content     the package as received
     */
    public record Package(String id, String serviceType, String from, String documentId, String statusCode,
                          String description, OffsetDateTime at, byte[] content) {
    }

    /** A package waiting for the gateway and what the gateway acknowledged. */
    public static final class Waiting {
        private final Package pkg;
        private volatile String status = "pending";
        private volatile String reason;
        private final List<String> acknowledgements = new java.util.concurrent.CopyOnWriteArrayList<>();

        Waiting(Package pkg) {
            this.pkg = pkg;
        }

        public Package pkg() {
            return pkg;
        }

        public String status() {
            return status;
        }

        public String reason() {
            return reason;
        }

        public List<String> acknowledgements() {
            return acknowledgements;
        }

        void acknowledge(String status, String reason) {
            this.status = status;
            this.reason = reason;
            acknowledgements.add(status);
        }
    }

    private final Map<String, Waiting> inbox = new ConcurrentHashMap<>();
    private final List<Package> sent = new ArrayList<>();
    private final Map<String, String> sentKeys = new ConcurrentHashMap<>();
    // Attachments are only looked at to describe a package; they stay in memory and are dropped.
    private final EdxmlParser parser = new EdxmlParser(AttachmentSink.inMemory(64 * 1024 * 1024));

    /** Queues a package for the gateway; {@code serviceType} null means: read it from the package. */
    public Waiting enqueue(byte[] content, String serviceType) {
        return enqueue(content, serviceType, null);
    }

    /**
     * Queues a package for the gateway. {@code sender}, when given, is the agency the axis itself knows sent it
     * (its authenticated account), which a forged {@code From} in the package does not change.
     */
    public Waiting enqueue(byte[] content, String serviceType, String sender) {
        Package read = describe(UUID.randomUUID().toString(), content, serviceType);
        Package described = sender == null ? read : new Package(read.id(), read.serviceType(), sender,
                read.documentId(), read.statusCode(), read.description(), read.at(), read.content());
        Waiting waiting = new Waiting(described);
        inbox.put(described.id(), waiting);
        return waiting;
    }

    /** The packages of a type still waiting (pending or processing), oldest first. */
    public List<Waiting> waiting(String serviceType) {
        return inbox.values().stream()
                .filter(w -> w.pkg().serviceType().equalsIgnoreCase(serviceType))
                .filter(w -> "pending".equals(w.status) || "processing".equals(w.status))
                .sorted(java.util.Comparator.comparing(w -> w.pkg().at())).toList();
    }

    public List<Waiting> inbox() {
        return inbox.values().stream().sorted(java.util.Comparator.comparing(w -> w.pkg().at())).toList();
    }

    public Optional<Waiting> find(String id) {
        return Optional.ofNullable(inbox.get(id));
    }

    /** Records a package the gateway sent; the same idempotency key again returns the first id. */
    public String receive(byte[] content, String serviceType, String idempotencyKey) {
        if (idempotencyKey != null && sentKeys.containsKey(idempotencyKey)) {
            return sentKeys.get(idempotencyKey);
        }
        Package pkg = describe(UUID.randomUUID().toString(), content, serviceType);
        synchronized (sent) {
            sent.add(pkg);
        }
        if (idempotencyKey != null) {
            sentKeys.put(idempotencyKey, pkg.id());
        }
        return pkg.id();
    }

    public List<Package> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    private Package describe(String id, byte[] content, String serviceType) {
        String from = null;
        String documentId = null;
        String statusCode = null;
        String description = null;
        String type = serviceType;
        try {
            EdxmlMessage message = parser.parse(new ByteArrayInputStream(content));
            from = message.from() == null ? null : message.from().organId();
            if (message instanceof EdxmlDocument d) {
                documentId = d.messageHeader().documentId();
                type = type == null ? "eDoc" : type;
            } else if (message instanceof EdxmlStatus s) {
                documentId = s.responseFor() == null ? null : s.responseFor().documentId();
                statusCode = s.statusCode();
                description = s.description();
                type = type == null ? "Status" : type;
            }
        } catch (RuntimeException e) {
            // The axis carries what it is given; the gateway must cope with unreadable packages.
            type = type == null ? "eDoc" : type;
        }
        return new Package(id, type, from, documentId, statusCode, description, OffsetDateTime.now(), content);
    }
}
