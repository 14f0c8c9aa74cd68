package vn.lienthong.gateway.document;

import java.util.List;

import javax.xml.validation.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import vn.lienthong.gateway.catalog.GatewayProperties;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.support.SecureXml;
import vn.lienthong.gateway.support.XmlSchemas;

/**
 * Status files of a document office over folders ({@code schemas/xsd/document-status.xsd}): checked, turned
 * into the body of {@code POST /api/v1/documents/{documentId}/status} and handed to {@link DocumentStatuses},
 * so a file and an API call are judged, signed and relayed by the same code.
 */
@NationalAxisFeature
@Component("documentStatusFiles")
public class DocumentStatusFiles {

    static final String NS = "urn:lienthong-gateway:document-status:1";
    private static final String XSD = "xsd/document-status.xsd";

    private final DocumentStatuses statuses;
    private final ObjectMapper mapper;
    private final Schema schema;

    public DocumentStatusFiles(DocumentStatuses statuses, ObjectMapper mapper, GatewayProperties properties) {
        this.statuses = statuses;
        this.mapper = mapper;
        this.schema = XmlSchemas.load(properties.schemas().directory().resolve(XSD));
    }

    /** A status file from the status folder of {@code systemId}; the folder speaks for that system. */
    public String fromFile(byte[] content, String systemId) {
        Document document;
        try {
            document = SecureXml.parse(content);
        } catch (SAXException e) {
            throw GatewayException.unreadableXml("Status file from " + systemId, e);
        }
        Element report = document.getDocumentElement();
        List<FieldError> errors = XmlSchemas.problems(schema, report).stream().map(p -> new FieldError("", p))
                .toList();
        if (!errors.isEmpty()) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, "Status file from " + systemId
                    + " does not match schemas/" + XSD + ": " + String.join(" ",
                    errors.stream().map(FieldError::message).toList()), errors);
        }
        ObjectNode body = mapper.createObjectNode();
        String documentId = null;
        ObjectNode staff = null;
        for (Element e : children(report)) {
            switch (e.getLocalName()) {
                case "DocumentId" -> documentId = e.getTextContent().trim();
                case "Status" -> body.put("status", e.getTextContent().trim());
                case "Description" -> body.put("description", e.getTextContent().trim());
                case "Staff" -> {
                    staff = body.putObject("staff");
                    for (Element field : children(e)) {
                        staff.put(field.getLocalName().toLowerCase(java.util.Locale.ROOT), field.getTextContent().trim());
                    }
                }
                default -> {
                    // the XSD allows nothing else
                }
            }
        }
        try {
            return statuses.report(systemId, documentId, mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a status from a file could not be written as JSON", e);
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new java.util.ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && NS.equals(e.getNamespaceURI())) {
                children.add(e);
            }
        }
        return children;
    }
}
