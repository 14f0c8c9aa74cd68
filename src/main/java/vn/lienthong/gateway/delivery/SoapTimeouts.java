package vn.lienthong.gateway.delivery;

import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.springframework.stereotype.Component;

/**
 * Bounds every outgoing SOAP call to 10 s for connecting and 10 s for the answer, so a department that
 * hangs cannot hold a delivery thread for ever. (Per-system values from {@code delivery.timeout} apply
 * to REST deliveries; SOAP uses this common bound.)
 */
@Component("soapTimeouts")
public class SoapTimeouts implements CxfConfigurer {

    /** Upper bound for one SOAP call when nothing narrower is configured. */
    static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

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
