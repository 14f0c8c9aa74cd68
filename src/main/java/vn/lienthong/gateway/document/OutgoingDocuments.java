package vn.lienthong.gateway.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

import vn.lienthong.gateway.catalog.GatewayProperties;
import vn.lienthong.gateway.contract.HostileContent;
import vn.lienthong.gateway.contract.JsonContracts;
import vn.lienthong.gateway.delivery.DeliveryHeaders;
import vn.lienthong.gateway.edxml.Attachment;
import vn.lienthong.gateway.edxml.Bussiness;
import vn.lienthong.gateway.edxml.BussinessDocType;
import vn.lienthong.gateway.edxml.Code;
import vn.lienthong.gateway.edxml.DocumentType;
import vn.lienthong.gateway.edxml.Edxml;
import vn.lienthong.gateway.edxml.EdxmlDocument;
import vn.lienthong.gateway.edxml.EdxmlException;
import vn.lienthong.gateway.edxml.EdxmlMessage;
import vn.lienthong.gateway.edxml.EdxmlParser;
import vn.lienthong.gateway.edxml.EdxmlValidator;
import vn.lienthong.gateway.edxml.EdxmlWriter;
import vn.lienthong.gateway.edxml.Manifest;
import vn.lienthong.gateway.edxml.MessageHeader;
import vn.lienthong.gateway.edxml.Organization;
import vn.lienthong.gateway.edxml.OtherInfo;
import vn.lienthong.gateway.edxml.PromulgationInfo;
import vn.lienthong.gateway.edxml.ReplacementInfo;
import vn.lienthong.gateway.edxml.SignerInfo;
import vn.lienthong.gateway.edxml.TraceHeaderList;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.support.Sha256;
import vn.lienthong.gateway.tracking.MessageQueries;

/**
 * Turns what the document office sends (JSON metadata with files, or a ready edXML package) into a
 * checked, signed edXML package for the axis, records it with its receivers, and stores it durably in the
 * axis's delivery queue. The same document id and business type again is a duplicate (same content) or
 * a conflict (different content).
 */
@NationalAxisFeature
@Component
public class OutgoingDocuments {

    /** What the intake answers. */
    public record Accepted(String messageId, String documentId, boolean duplicate) {
    }

    /** A package ready to record and send: signed, in a file of the work folder. */
    private record Built(String documentId, BussinessDocType type, String relatedDocumentId, MessageHeader header,
                         Path signed, String contentSha256) {
    }

    private static final Logger log = LoggerFactory.getLogger(OutgoingDocuments.class);

    private final EdxmlPackages packages;
    private final EdxmlParser parser;
    private final DocumentStore store;
    private final JsonContracts contracts;
    private final ProducerTemplate producer;
    private final Path workDir;
    private final EdxmlValidator validator = new EdxmlValidator();
    private final MessageQueries messages;
    private final PackageStore claimCheck;

    public OutgoingDocuments(EdxmlPackages packages, EdxmlParser parser, DocumentStore store, JsonContracts contracts,
                             ProducerTemplate producer, GatewayProperties gateway, MessageQueries messages,
                             PackageStore claimCheck) {
        this.messages = messages;
        this.claimCheck = claimCheck;
        this.packages = packages;
        this.parser = parser;
        this.store = store;
        this.contracts = contracts;
        this.producer = producer;
        this.workDir = gateway.dataDir().resolve("work").resolve("edxml");
    }

    /** The folder where documents are packaged and signed (files removed once queued). */
    public Path workDir() {
        return workDir;
    }

    /**
     * A document described by JSON metadata (schemas/document.schema.json) with its files. The files, the package and
     * its signature go through files in the work folder, never whole through memory, so a document of any size up to
     * {@code gateway.axis.max-package-size} can be sent.
     */
    public Accepted fromMetadata(String caller, JsonNode metadata, Map<String, MultipartFile> files) {
        List<Path> temporary = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        try {
            StringBuilder fingerprint = new StringBuilder(contracts.contentHash(metadata));
            Map<String, String> descriptions = new HashMap<>();
            metadata.path("attachments").forEach(a -> descriptions.put(a.path("part").asText(),
                    a.path("description").asText(null)));
            int n = 0;
            for (Map.Entry<String, MultipartFile> part : files.entrySet()) {
                MultipartFile file = part.getValue();
                String name = safeFileName(file.getOriginalFilename(), part.getKey());
                Path dir = Files.createTempDirectory(workDir, "out-");
                Path saved = dir.resolve(name);
                temporary.add(saved);
                temporary.add(dir);
                file.transferTo(saved);
                fingerprint.append('/').append(part.getKey()).append('=').append(Sha256.hex(saved));
                Attachment zipped = Attachment.zipped(Integer.toString(++n), saved,
                        descriptions.getOrDefault(part.getKey(), name), workDir);
                attachments.add(zipped);
            }
            Path unsigned = temporaryFile(temporary, "unsigned-");
            Path signed = temporaryFile(temporary, "signed-");
            Built built = build(metadata, attachments, Sha256.hex(fingerprint.toString()), unsigned, signed);
            return record(caller, built);
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.INTERNAL_ERROR, "The files could not be stored for packaging: "
                    + e.getMessage(), e);
        } finally {
            attachments.forEach(a -> a.content().discard());
            deleteQuietly(temporary);
        }
    }

    /**
     * A ready edXML package from the document office, in a file of the work folder ({@link #workDir()}); it must be a
     * document of this agency. Read, checked and signed as a stream, whatever its size.
     */
    public Accepted fromPackage(String caller, Path xml) {
        EdxmlMessage message;
        try {
            message = parser.parse(xml);
        } catch (EdxmlException e) {
            throw DocumentErrors.of(e);
        }
        if (!(message instanceof EdxmlDocument document)) {
            throw new GatewayException(ErrorCode.EDXML_INVALID, "The package is a status message; POST"
                    + " /api/v1/documents takes document packages (statuses: POST /api/v1/documents/{documentId}/status)");
        }
        List<Path> temporary = new ArrayList<>();
        try {
            validator.requireValid(document);
            MessageHeader h = document.messageHeader();
            if (!packages.agencyId().equals(h.from().organId())) {
                throw new GatewayException(ErrorCode.FORBIDDEN, "The package is from agency " + h.from().organId()
                        + "; the gateway signs only documents of its own agency " + packages.agencyId(),
                        List.of(new FieldError("MessageHeader/From/OrganId", "must be " + packages.agencyId())));
            }
            BussinessDocType type = document.bussinessDocType().orElse(BussinessDocType.NEW);
            Bussiness b = document.traceHeaderList() == null ? null : document.traceHeaderList().bussiness();
            String related = type == BussinessDocType.NEW || b == null ? null : b.documentId();
            Path signed = temporaryFile(temporary, "signed-");
            packages.checkAndSign(xml, signed, claimCheck.isLarge(Files.size(xml)));
            return record(caller, new Built(h.documentId(), type, related, h, signed, Sha256.hex(xml)));
        } catch (EdxmlException e) {
            throw DocumentErrors.of(e);
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.INTERNAL_ERROR, "The package could not be signed in " + workDir
                    + ": " + e.getMessage(), e);
        } finally {
            document.discardAttachments();
            deleteQuietly(temporary);
        }
    }

    private Path temporaryFile(List<Path> temporary, String prefix) throws IOException {
        Files.createDirectories(workDir);
        Path file = Files.createTempFile(workDir, prefix, ".edxml");
        temporary.add(file);
        return file;
    }

    private static void deleteQuietly(List<Path> temporary) {
        for (Path p : temporary) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a leftover temporary file is harmless; the folder is the gateway's work area
            }
        }
    }

    private Built build(JsonNode m, List<Attachment> attachments, String fingerprint, Path unsigned, Path signed)
            throws IOException {
        Organization from = packages.agency();
        Code code = new Code(m.path("code").path("number").asText(), m.path("code").path("notation").asText());
        String date = Edxml.format(LocalDate.parse(m.path("promulgationDate").asText()));
        String documentId = from.organId() + "," + date + "," + code.display();
        BussinessDocType type = BussinessDocType.valueOf(m.path("businessType").asText("NEW"));
        String related = text(m, "relatedDocumentId");
        List<Organization> to = new ArrayList<>();
        m.path("receivers").forEach(r -> to.add(Organization.of(r.path("organId").asText(), text(r, "organName"))));
        JsonNode signer = m.path("signer");
        List<String> toPlaces = new ArrayList<>();
        m.path("toPlaces").forEach(p -> toPlaces.add(p.asText()));
        MessageHeader header = new MessageHeader(from, to, documentId, code,
                new PromulgationInfo(text(m, "place"), date),
                new DocumentType(m.path("documentType").path("type").asText(),
                        text(m.path("documentType"), "typeDetail"), m.path("documentType").path("typeName").asText()),
                m.path("subject").asText(), text(m, "content"),
                signer.isMissingNode() ? null : new SignerInfo(text(signer, "competence"), text(signer, "position"),
                        text(signer, "fullName")),
                m.hasNonNull("dueDate") ? Edxml.format(LocalDate.parse(m.path("dueDate").asText())) : null,
                new OtherInfo(m.path("priority").asText("0"), null, null, null, null, null, List.of(), List.of()),
                List.of(), text(m, "steeringType"), toPlaces, List.of());
        List<ReplacementInfo> replaced = type == BussinessDocType.REPLACE
                ? List.of(new ReplacementInfo(related, to.stream().map(Organization::organId).toList())) : List.of();
        Bussiness bussiness = new Bussiness(type == BussinessDocType.NEW ? null : related, type.code(),
                text(m, "reason"), null, null, replaced, null, List.of());
        TraceHeaderList trace = new TraceHeaderList(packages.trace().traceHeaders(), bussiness);
        EdxmlDocument document = new EdxmlDocument(header, trace, null, List.of(), Manifest.of(attachments),
                attachments);
        try {
            validator.requireValid(document);
            new EdxmlWriter().write(document, unsigned);
            packages.checkAndSign(unsigned, signed, claimCheck.isLarge(Files.size(unsigned)));
            return new Built(documentId, type, related, header, signed, fingerprint);
        } catch (EdxmlException e) {
            throw DocumentErrors.of(e);
        }
    }

    private Accepted record(String caller, Built built) {
        Optional<DocumentStore.DocumentRow> earlier = store.find(built.documentId(), DocumentStore.OUTGOING,
                built.type().name());
        String messageId = UUID.randomUUID().toString();
        MessageHeader h = built.header();
        DocumentStore.DocumentRow row = new DocumentStore.DocumentRow(built.documentId(), DocumentStore.OUTGOING,
                built.type().name(), built.relatedDocumentId(), messageId, null, h.from().organId(),
                h.from().organName(), h.code() == null ? null : h.code().display(),
                h.promulgationInfo() == null ? null : h.promulgationInfo().promulgationDate(), h.subject(),
                built.contentSha256(), null, null, "ACCEPTED", null, OffsetDateTime.now(), null, null);
        if (earlier.isPresent() || !store.insertDocument(row)) {
            return duplicate(caller, built, earlier.or(() -> store.find(built.documentId(), DocumentStore.OUTGOING,
                    built.type().name())).orElseThrow());
        }
        store.insertReceivers(built.documentId(), h.to().stream()
                .map(o -> new DocumentStore.ReceiverRow(o.organId(), o.organName())).toList());
        try {
            enqueue(caller, built, messageId);
        } catch (GatewayException e) {
            store.deleteByMessageId(messageId);
            throw e;
        }
        return new Accepted(messageId, built.documentId(), false);
    }

    /**
     * Queues the signed package for the axis in one JMS transaction with its RECEIVED event: a large package by its
     * reference in the claim check ({@link PackageStore}, synced to disk first), so it never sits in a JMS message.
     */
    private void enqueue(String caller, Built built, String messageId) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(DeliveryHeaders.MESSAGE_ID, messageId);
        headers.put(DeliveryHeaders.FLOW, AxisInbox.FLOW_DOCUMENT);
        headers.put(DeliveryHeaders.SYSTEM, caller);
        headers.put(DeliveryHeaders.CORRELATION_ID, built.documentId());
        headers.put(DeliveryHeaders.GROUP, built.documentId());
        String body;
        try {
            if (claimCheck.isLarge(Files.size(built.signed()))) {
                try (InputStream in = Files.newInputStream(built.signed())) {
                    body = claimCheck.write(messageId, in, Long.MAX_VALUE).ref();
                }
            } else {
                body = Files.readString(built.signed(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.INTERNAL_ERROR, "The signed package could not be read from "
                    + workDir + ": " + e.getMessage(), e);
        }
        try {
            producer.sendBodyAndHeaders("direct:doc-office-in-document", body, headers);
        } catch (CamelExecutionException e) {
            claimCheck.delete(body); // a reference only; nothing refers to the stored package
            throw new GatewayException(ErrorCode.BROKER_UNAVAILABLE, "The document could not be stored durably ("
                    + e.getCause().getMessage() + "); it was not accepted, send it again later", e);
        }
    }

    private Accepted duplicate(String caller, Built built, DocumentStore.DocumentRow earlier) {
        if (!built.contentSha256().equals(earlier.contentSha256())) {
            throw new GatewayException(ErrorCode.DUPLICATE_CONFLICT, "Document " + built.documentId() + " ("
                    + built.type() + ") was already accepted as message " + earlier.messageId() + " with different"
                    + " content; a change is an UPDATE or REPLACE package",
                    List.of(new FieldError("/code", "document " + built.documentId() + " already sent")));
        }
        if ("ACCEPTED".equals(earlier.state()) && earlier.axisId() == null
                && messages.find(earlier.messageId()).isEmpty()) {
            // Recorded, but the gateway stopped before the package was queued (no RECEIVED event was ever stored):
            // queue it now under its first message id; should it have been queued after all, the axis gets the
            // same Idempotency-Key twice and keeps one.
            log.warn("Document {} ({}) was recorded but never queued; queuing it now as message {}",
                    built.documentId(), built.type(), earlier.messageId());
            enqueue(caller, built, earlier.messageId());
        }
        return new Accepted(earlier.messageId(), built.documentId(), true);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** The file name only, without any path, so a part name cannot write outside the work folder. */
    /** The part's file name; a name that could climb out of a folder or name a device is refused, not repaired. */
    private static String safeFileName(String original, String partName) {
        String name = original == null || original.isBlank() ? partName : original;
        String problem = HostileContent.fileNameProblem(name);
        if (problem != null) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, "The file of part '" + partName + "' has a name"
                    + " that is refused: " + problem, List.of(new FieldError("/" + partName + "/filename", problem)));
        }
        return name;
    }
}
