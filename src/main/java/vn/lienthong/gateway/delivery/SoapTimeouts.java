package vn.lienthong.gateway.delivery;

import java.util.Map;

import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.springframework.stereotype.Component;

/**
 * Timeouts of outgoing SOAP calls. Each call carries its system's {@code delivery.timeout} (for connecting
 * and for the answer) in the CXF request context, set by the soap-sink kamelet from
 * {@link #requestContext(long)}; the client policy's 10 s applies to a call that carries none, so a
 * department that hangs can never hold a delivery thread for ever.
 */
@Component("soapTimeouts")
public class SoapTimeouts implements CxfConfigurer {

    /** Upper bound for one SOAP call when nothing narrower is configured. */
    static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

    /** The CXF request context of one call: connect and receive timeouts of {@code timeoutMillis}. */
    public Map<String, Object> requestContext(long timeoutMillis) {
        return Map.of(Message.CONNECTION_TIMEOUT, timeoutMillis, Message.RECEIVE_TIMEOUT, timeoutMillis);
    }

    @Override
    public void configure(AbstractWSDLBasedEndpointFactory factoryBean) {
        // nothing to change on the factory
    }

    @Override
    public void configureClient(Client client) {
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(DEFAULT_TIMEOUT_MILLIS);
        policy.setReceiveTimeout(DEFAULT_TIMEOUT_MILLIS);
        conduit.setClient(policy);
    }

    @Override
    public void configureServer(Server server) {
        // servers are configured by their routes
    }
}
