package vn.lienthong.gateway.delivery;

import java.util.HashMap;
import java.util.Map;

import javax.security.auth.callback.CallbackHandler;

import jakarta.xml.ws.BindingProvider;
import org.apache.camel.component.cxf.jaxws.CxfConfigurer;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.frontend.AbstractWSDLBasedEndpointFactory;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.TargetAuth;

/**
 * Timeouts and credentials of outgoing SOAP calls. Each call carries its system's {@code delivery.timeout} (for
 * connecting and for the answer) and its system's {@code auth:} in the CXF request context, set by the soap-sink
 * kamelet from {@link #requestContext(long, String)}; the client policy's 10 s applies to a call that carries none,
 * so a department that hangs can never hold a delivery thread for ever. WS-Security (a UsernameToken in the SOAP
 * header) is added by one WSS4J interceptor per client that does nothing unless the call's context asks for it.
 */
@Component("soapTimeouts")
public class SoapTimeouts implements CxfConfigurer {

    /** Upper bound for one SOAP call when nothing narrower is configured. */
    static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

    private final Catalog catalog;
    private final TargetCredentials credentials;

    public SoapTimeouts(Catalog catalog, TargetCredentials credentials) {
        this.catalog = catalog;
        this.credentials = credentials;
    }

    /** The CXF request context of one call: connect and receive timeouts of {@code timeoutMillis}. */
    public Map<String, Object> requestContext(long timeoutMillis) {
        return Map.of(Message.CONNECTION_TIMEOUT, timeoutMillis, Message.RECEIVE_TIMEOUT, timeoutMillis);
    }

    /** The CXF request context of one call to {@code systemId}: its timeout and its credentials. */
    public Map<String, Object> requestContext(long timeoutMillis, String systemId) {
        Map<String, Object> context = new HashMap<>(requestContext(timeoutMillis));
        TargetAuth auth = catalog.system(systemId).map(s -> s.auth()).orElse(TargetAuth.NONE);
        switch (auth.type()) {
            case WS_SECURITY -> {
                String password = auth.get("password");
                context.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
                context.put(ConfigurationConstants.USER, auth.get("username"));
                context.put(ConfigurationConstants.PASSWORD_TYPE, "digest".equals(auth.get("passwordType"))
                        ? "PasswordDigest" : "PasswordText");
                context.put(ConfigurationConstants.ADD_USERNAMETOKEN_NONCE, "true");
                context.put(ConfigurationConstants.ADD_USERNAMETOKEN_CREATED, "true");
                context.put(ConfigurationConstants.PW_CALLBACK_REF, (CallbackHandler) callbacks -> {
                    for (var callback : callbacks) {
                        if (callback instanceof WSPasswordCallback pc) {
                            pc.setPassword(password);
                        }
                    }
                });
            }
            case BASIC -> {
                context.put(BindingProvider.USERNAME_PROPERTY, auth.get("username"));
                context.put(BindingProvider.PASSWORD_PROPERTY, auth.get("password"));
            }
            case BEARER, OAUTH2, API_KEY -> context.put(Message.PROTOCOL_HEADERS,
                    TargetCredentials.protocolHeaders(credentials.headers(systemId)));
            default -> {
                // none; a client certificate is set on the conduit
            }
        }
        return context;
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
        // Off unless a call's request context names an action (a system with auth type ws-security).
        client.getOutInterceptors().add(new WSS4JOutInterceptor() {
            @Override
            public void handleMessage(SoapMessage message) {
                if (message.getContextualProperty(ConfigurationConstants.ACTION) != null) {
                    super.handleMessage(message);
                }
            }
        });
    }

    @Override
    public void configureServer(Server server) {
        // servers are configured by their routes
    }
}
