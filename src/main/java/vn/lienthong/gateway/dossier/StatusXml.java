package vn.lienthong.gateway.dossier;

import java.util.List;

import javax.xml.validation.Schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.catalog.GatewayProperties;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.error.SoapFaults;
import vn.lienthong.gateway.security.ApiKeyAuthenticationFilter;
import vn.lienthong.gateway.support.SecureXml;
import vn.lienthong.gateway.support.XmlSchemas;

/**
 * Status reports in XML ({@code schemas/xsd/dossier-status.xsd}), from the SOAP DossierStatusService
 * and from result files: turned into the JSON status update and handed to {@link StatusIntake}.
 */
@Component("statusXml")
public class StatusXml {

    static final String NS = "urn:lienthong-gateway:dossier-status:1";

    private final StatusIntake intake;
    private final Catalog catalog;
    private final ObjectMapper mapper;
    private final Schema schema;

    public StatusXml(StatusIntake intake, Catalog catalog, ObjectMapper mapper, GatewayProperties properties) {
        this.intake = intake;
        this.catalog = catalog;
        this.mapper = mapper;
        this.schema = XmlSchemas.load(properties.schemas().directory().resolve("xsd/dossier-status.xsd"));
    }

    /** The SOAP ReportStatus operation (CXF has already validated the payload against the WSDL's schema). */
    @SuppressWarnings("unchecked")
    public void fromSoap(Exchange exchange) {
        try {
            ConnectedSystem caller = soapCaller(exchange);
            CxfPayload<SoapHeader> payload = exchange.getIn().getBody(CxfPayload.class);
            List<Element> body = payload.getBody();
            if (body.isEmpty()) {
                throw new GatewayException(ErrorCode.VALIDATION_FAILED, "The SOAP body holds no DossierStatusReport");
            }
            validate(body.get(0), "The SOAP DossierStatusReport");
            String messageId = intake.accept(caller, toJson(body.get(0)));
            Document answer = SecureXml.newDocument();
            Element accepted = answer.createElementNS(NS, "StatusAccepted");
            Element id = answer.createElementNS(NS, "MessageId");
            id.setTextContent(messageId);
            accepted.appendChild(id);
            answer.appendChild(accepted);
            exchange.getMessage().setBody(new CxfPayload<SoapHeader>(null, List.of(accepted)));
        } catch (GatewayException e) {
            throw SoapFaults.of(e);
        }
    }

    /** A result file from the status folder of {@code systemId}; the folder speaks for that system. */
    public String fromFile(byte[] content, String systemId) {
        ConnectedSystem system = catalog.system(systemId).orElseThrow();
        Document document;
        try {
            document = SecureXml.parse(content);
        } catch (SAXException e) {
            throw GatewayException.unreadableXml("Result file from " + systemId, e);
        }
        validate(document.getDocumentElement(), "Result file from " + systemId);
        return intake.accept(system, toJson(document.getDocumentElement()));
    }

    /** Checks a report against the XSD, collecting every problem with its element, not just the first. */
    void validate(Element report, String what) {
        List<FieldError> errors = XmlSchemas.problems(schema, report).stream().map(p -> new FieldError("", p))
                .toList();
        if (!errors.isEmpty()) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, what + " does not match"
                    + " schemas/xsd/dossier-status.xsd: " + errors.stream().map(FieldError::message)
                    .collect(java.util.stream.Collectors.joining(" ")), errors);
        }
    }

    ObjectNode toJson(Element report) {
        if (!NS.equals(report.getNamespaceURI()) || !"DossierStatusReport".equals(report.getLocalName())) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, "Expected {" + NS + "}DossierStatusReport but got {"
                    + report.getNamespaceURI() + "}" + report.getLocalName(),
                    List.of(new FieldError("", "wrong root element")));
        }
        ObjectNode json = mapper.createObjectNode();
        for (Node child = report.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && NS.equals(e.getNamespaceURI())) {
                String name = e.getLocalName();
                String field = switch (name) {
                    case "DossierCode" -> "dossierCode";
                    case "System" -> "system";
                    case "Status" -> "status";
                    case "At" -> "at";
                    case "Handler" -> "handler";
                    case "Note" -> "note";
                    default -> null;
                };
                if (field != null) {
                    json.put(field, e.getTextContent().trim());
                }
            }
        }
        return json;
    }

    private ConnectedSystem soapCaller(Exchange exchange) {
        Message cxf = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        HttpServletRequest request = cxf == null ? null
                : (HttpServletRequest) cxf.get(AbstractHTTPDestination.HTTP_REQUEST);
        String key = request == null ? null : request.getHeader(ApiKeyAuthenticationFilter.HEADER);
        return catalog.systemByApiKey(key).orElseThrow(() -> new GatewayException(ErrorCode.UNAUTHENTICATED,
                "Send the X-Api-Key HTTP header of your system with every SOAP call"));
    }
}
