package vn.lienthong.gateway.e2e.soap;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** A department's SOAP client view of {@code DossierStatusReport}, as a legacy application would bind it. */
@XmlRootElement(name = "DossierStatusReport", namespace = DossierStatusPort.NS)
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(propOrder = {"dossierCode", "system", "status", "at", "handler", "note"})
public class DossierStatusReport {
    @XmlElement(name = "DossierCode", namespace = DossierStatusPort.NS, required = true)
    public String dossierCode;
    @XmlElement(name = "System", namespace = DossierStatusPort.NS, required = true)
    public String system;
    @XmlElement(name = "Status", namespace = DossierStatusPort.NS, required = true)
    public String status;
    @XmlElement(name = "At", namespace = DossierStatusPort.NS, required = true)
    public String at;
    @XmlElement(name = "Handler", namespace = DossierStatusPort.NS)
    public String handler;
    @XmlElement(name = "Note", namespace = DossierStatusPort.NS)
    public String note;

    public static DossierStatusReport of(String code, String system, String status) {
        DossierStatusReport r = new DossierStatusReport();
        r.dossierCode = code;
        r.system = system;
        r.status = status;
        r.at = "2026-11-21T16:00:00+07:00";
        r.handler = "Nguyễn Văn A";
        return r;
    }
}
