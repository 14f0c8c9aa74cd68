package vn.lienthong.gateway.error;

import javax.xml.stream.XMLStreamException;

import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.support.SecureXml;

/**
 * Gives the gateway's SOAP services the same error vocabulary for requests CXF cannot even read (not
 * well-formed XML, a DOCTYPE) as for requests the gateway refuses: a Client fault with
 * {@code MALFORMED_REQUEST} or {@code HOSTILE_XML}, a reason a legacy integrator can act on, and the code
 * in the fault detail. Used as the {@code cxfConfigurer} of the SOAP consumer routes.
 */
@Component("soapRequestFaults")
public class SoapRequestFaults implements CxfConfigurer {

    @Override
    public void configure(AbstractWSDLBasedEndpointFactory factoryBean) {
        // nothing to change on the factory
    }

    @Override
    public void configureClient(Client client) {
        // only servers read requests
    }

    @Override
    public void configureServer(Server server) {
        server.getEndpoint().getOutFaultInterceptors().add(new Translation());
        // Element bounds while CXF reads the request (its defaults allow far more than a status report needs).
        server.getEndpoint().put("org.apache.cxf.stax.maxElementDepth", SecureXml.MAX_ELEMENT_DEPTH);
        server.getEndpoint().put("org.apache.cxf.stax.maxElementCount", SecureXml.MAX_ELEMENTS);
        server.getEndpoint().put("org.apache.cxf.stax.maxChildElements", SecureXml.MAX_ELEMENTS);
    }

    /** Runs before the fault is written (MARSHAL) and replaces CXF's reading failures by the gateway's fault. */
    static final class Translation extends AbstractSoapInterceptor {

        Translation() {
            super(Phase.PRE_STREAM);
        }

        @Override
        public void handleMessage(SoapMessage message) {
            Exception failure = message.getContent(Exception.class);
            GatewayException translated = translate(failure);
            if (translated != null) {
                message.setContent(Exception.class, SoapFaults.of(translated));
            }
        }
    }

    /** The gateway's error for a request that could not be read as XML; null for every other fault. */
    static GatewayException translate(Exception failure) {
        if (!(failure instanceof Fault fault) || !readingFailure(fault)) {
            return null;
        }
        return GatewayException.unreadableXml("The request", new IllegalArgumentException(rootMessage(fault), fault));
    }

    private static boolean readingFailure(Fault fault) {
        for (Throwable t = fault; t != null; t = t.getCause()) {
            if (t instanceof XMLStreamException) {
                return true;
            }
        }
        return fault.getMessage() != null && fault.getMessage().startsWith("Error reading XMLStreamReader");
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? t.getMessage() : root.getMessage();
        return message == null ? "unreadable" : message.replaceAll("\\s+", " ").trim();
    }
}
