package vn.lienthong.gateway.e2e.soap;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

/** The gateway's answer to a status report. */
@XmlRootElement(name = "StatusAccepted", namespace = DossierStatusPort.NS)
@XmlAccessorType(XmlAccessType.FIELD)
public class StatusAccepted {
    @XmlElement(name = "MessageId", namespace = DossierStatusPort.NS)
    public String messageId;
}
