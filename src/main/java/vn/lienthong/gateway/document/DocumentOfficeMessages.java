package vn.lienthong.gateway.document;

import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.edxml.Attachment;
import vn.lienthong.gateway.edxml.EdxmlDocument;
import vn.lienthong.gateway.edxml.EdxmlStatus;
import vn.lienthong.gateway.edxml.MessageHeader;
import vn.lienthong.gateway.edxml.Organization;

/**
 * The JSON the document office receives for each incoming package: what it is (document or status), the
 * header fields it needs to register it, the signature report, and the package itself, so the document office
 * keeps the original signed bytes: Base64 in {@code edxml}, or, for a large package, a link in {@code edxmlLink}
 * ({@code href} to fetch it from the gateway with the office's own key, {@code size}, {@code sha256}), so a
 * package of hundreds of megabytes is streamed from the claim check instead of travelling inside a message.
 * Built with Jackson, never by concatenation.
 */
@NationalAxisFeature
@Component
public class DocumentOfficeMessages {

    private final ObjectMapper mapper;

    public DocumentOfficeMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A document package (new, recall, update or replacement). */
    public String document(EdxmlDocument document, ReceivedPackage received, String messageId, String businessType,
                           String relatedDocumentId, boolean relatedKnown, SignatureCheck.Outcome signature) {
        MessageHeader h = document.messageHeader();
        ObjectNode json = mapper.createObjectNode();
        json.put("kind", "document");
        json.put("messageId", messageId);
        json.put("documentId", h.documentId());
        json.put("businessType", businessType);
        if (relatedDocumentId != null) {
            json.put("relatedDocumentId", relatedDocumentId);
            json.put("relatedDocumentKnown", relatedKnown);
        }
        if (document.traceHeaderList() != null && document.traceHeaderList().bussiness() != null) {
            json.put("reason", document.traceHeaderList().bussiness().bussinessDocReason());
        }
        json.set("from", organization(h.from()));
        ArrayNode to = json.putArray("to");
        h.to().forEach(o -> to.add(organization(o)));
        json.put("code", h.code() == null ? null : h.code().display());
        json.put("promulgationDate", h.promulgationInfo() == null ? null : h.promulgationInfo().promulgationDate());
        json.put("documentType", h.documentType() == null ? null : h.documentType().typeName());
        json.put("subject", h.subject());
        json.put("dueDate", h.dueDate());
        ArrayNode attachments = json.putArray("attachments");
        for (Attachment a : document.attachments()) {
            ObjectNode item = attachments.addObject();
            item.put("contentId", a.contentId());
            item.put("name", a.attachmentName());
            item.put("contentType", a.contentType());
            if (a.content() != null) {
                item.put("size", a.content().size());
                item.put("sha256", a.content().sha256());
            }
        }
        json.set("signature", signature(signature));
        edxml(json, received);
        return write(json);
    }

    /** A status message about a document, with what the gateway knows of that document. */
    public String status(EdxmlStatus status, ReceivedPackage received, String messageId, String documentDirection,
                         SignatureCheck.Outcome signature) {
        ObjectNode json = mapper.createObjectNode();
        json.put("kind", "status");
        json.put("messageId", messageId);
        json.put("documentId", status.responseFor() == null ? null : status.responseFor().documentId());
        json.put("documentDirection", documentDirection);
        json.put("statusCode", status.statusCode());
        status.status().ifPresent(s -> json.put("statusName", s.name()));
        json.put("description", status.description());
        json.put("timestamp", status.timestamp());
        json.set("from", organization(status.from()));
        json.set("signature", signature(signature));
        edxml(json, received);
        return write(json);
    }

    /** The package: its bytes in Base64, or a link when it is large. */
    private static void edxml(ObjectNode json, ReceivedPackage received) {
        if (received.isLarge()) {
            ObjectNode link = json.putObject("edxmlLink");
            link.put("href", PackageController.PATH + received.ref());
            link.put("size", received.size());
            link.put("sha256", received.sha256());
            link.put("contentType", "application/xml");
        } else {
            json.put("edxml", Base64.getEncoder().encodeToString(received.bytes()));
        }
    }

    private ObjectNode organization(Organization o) {
        ObjectNode json = mapper.createObjectNode();
        if (o != null) {
            json.put("organId", o.organId());
            json.put("organName", o.organName());
        }
        return json;
    }

    /** The validation report kept with the message. */
    public ObjectNode signature(SignatureCheck.Outcome outcome) {
        ObjectNode json = mapper.createObjectNode();
        json.put("result", outcome.result().name());
        json.put("policy", outcome.policy().name().toLowerCase(java.util.Locale.ROOT));
        json.put("accepted", outcome.accepted());
        json.put("problem", outcome.reason());
        json.set("package", mapper.valueToTree(outcome.packageReport()));
        json.set("pdfAttachments", mapper.valueToTree(outcome.pdfs()));
        return json;
    }

    private String write(ObjectNode json) {
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a document office message could not be written", e);
        }
    }
}
