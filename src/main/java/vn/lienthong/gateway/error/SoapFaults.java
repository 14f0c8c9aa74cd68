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
}
