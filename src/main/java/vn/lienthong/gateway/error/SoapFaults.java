package vn.lienthong.gateway.error;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import vn.lienthong.gateway.support.SecureXml;

/** The one mapping of gateway errors to SOAP faults: Client for permanent, Server for transient ones. */
public final class SoapFaults {

    private static final String NS = "urn:lienthong-gateway:fault:1";

    private SoapFaults() {
    }

    public static SoapFault of(GatewayException e) {
        QName faultCode = e.isTransient() ? Fault.FAULT_CODE_SERVER : Fault.FAULT_CODE_CLIENT;
        SoapFault fault = new SoapFault(e.code().name() + ": " + e.getMessage(), faultCode);
        Document doc = SecureXml.newDocument();
        Element detail = doc.createElementNS(NS, "detail");
        Element code = doc.createElementNS(NS, "code");
        code.setTextContent(e.code().name());
        detail.appendChild(code);
        for (FieldError error : e.fieldErrors()) {
            Element field = doc.createElementNS(NS, "field");
            field.setAttribute("pointer", error.pointer());
            field.setTextContent(error.message());
            detail.appendChild(field);
        }
        fault.setDetail(detail);
        return fault;
    }

    /**
     * A whole SOAP 1.1 envelope with the fault of {@code e}, for answers written before CXF sees the request
     * (a body over the size limit, a compressed body).
     */
    public static byte[] envelope(GatewayException e) {
        String soapNs = "http://schemas.xmlsoap.org/soap/envelope/";
        Document doc = SecureXml.newDocument();
        Element envelope = doc.createElementNS(soapNs, "soap:Envelope");
        Element body = doc.createElementNS(soapNs, "soap:Body");
        Element fault = doc.createElementNS(soapNs, "soap:Fault");
        Element faultCode = doc.createElement("faultcode");
        faultCode.setTextContent(e.isTransient() ? "soap:Server" : "soap:Client");
        Element faultString = doc.createElement("faultstring");
        faultString.setTextContent(e.code().name() + ": " + e.getMessage());
        Element detail = doc.createElement("detail");
        Element code = doc.createElementNS(NS, "code");
        code.setTextContent(e.code().name());
        detail.appendChild(code);
        fault.appendChild(faultCode);
        fault.appendChild(faultString);
        fault.appendChild(detail);
        body.appendChild(fault);
        envelope.appendChild(body);
        doc.appendChild(envelope);
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            SecureXml.transformerFactory().newTransformer().transform(new javax.xml.transform.dom.DOMSource(doc),
                    new javax.xml.transform.stream.StreamResult(out));
            return out.toByteArray();
        } catch (javax.xml.transform.TransformerException failure) {
            throw new IllegalStateException("a SOAP fault could not be written", failure);
        }
    }
}
