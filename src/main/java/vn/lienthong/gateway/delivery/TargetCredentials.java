package vn.lienthong.gateway.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.catalog.TargetAuth;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;

/**
 * Presents each connected system's configured credentials ({@code auth:} in its file) on a delivery: HTTP
 * headers for basic, bearer, API key and OAuth2 client credentials, and the client certificate's TLS settings.
 * OAuth2 tokens are cached per system until shortly before they expire, and fetched again when the system answers
 * 401 (it may revoke a token early). Used by the rest-sink and soap-sink kamelets.
 */
@Component("targetCredentials")
public class TargetCredentials {

    private static final Logger log = LoggerFactory.getLogger(TargetCredentials.class);

    /** A token is renewed this long before the expiry its issuer announced, so it never expires in flight. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);
    /** The lifetime assumed when a token answer names none (RFC 6749 leaves expires_in optional). */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final Catalog catalog;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    @Autowired
    public TargetCredentials(Catalog catalog, ObjectMapper json) {
        this(catalog, json, Clock.systemUTC());
    }

    TargetCredentials(Catalog catalog, ObjectMapper json, Clock clock) {
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
    }

    private record Token(String value, Instant renewAt) {
    }

    /** Sets the HTTP headers carrying the system's credentials on the message about to be sent. */
    public void authorize(Exchange exchange, String systemId) {
        headers(systemId).forEach(exchange.getIn()::setHeader);
    }

    /** The HTTP headers carrying the system's credentials (none for a system without HTTP credentials). */
    public Map<String, String> headers(String systemId) {
        TargetAuth auth = system(systemId).auth();
        Map<String, String> headers = new LinkedHashMap<>();
        switch (auth.type()) {
            case BASIC -> headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (auth.get("username") + ":" + auth.get("password")).getBytes(StandardCharsets.UTF_8)));
            case BEARER -> headers.put("Authorization", "Bearer " + auth.get("token"));
            case OAUTH2 -> headers.put("Authorization", "Bearer " + token(systemId, auth));
            case API_KEY -> headers.put(auth.get("header"), auth.get("value"));
            default -> {
                // no HTTP header: none, a client certificate (TLS), WS-Security (SOAP header)
            }
        }
        return headers;
    }

    /**
     * After a failed HTTP answer: when it is a 401 from a system that presents OAuth2 tokens, forgets the cached
     * token and authorizes the message again with a fresh one, for one more try; otherwise throws the failure again
     * unchanged, so that the delivery's error handling sees it as it was.
     */
    public void renewAfter401(Exchange exchange, String systemId) throws Exception {
        Exception failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure instanceof HttpOperationFailedException http && http.getStatusCode() == 401
                && system(systemId).auth().type() == TargetAuth.Type.OAUTH2) {
            tokens.remove(systemId);
            log.info("{} answered 401; fetching a new OAuth2 token and sending again", systemId);
            authorize(exchange, systemId);
            return;
        }
        throw failure;
    }

    /**
     * The TLS settings of HTTPS calls to the system: its client certificate (mutual TLS) and trust store when
     * {@code auth.type} is client-certificate, otherwise the JVM's defaults.
     */
    public SSLContextParameters tlsParameters(String systemId) {
        TargetAuth auth = system(systemId).auth();
        SSLContextParameters tls = new SSLContextParameters();
        if (auth.type() != TargetAuth.Type.CLIENT_CERTIFICATE) {
            return tls;
        }
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(store(auth.get("keyStore"), auth.get("keyStorePassword")));
        keys.setKeyPassword(auth.get("keyStorePassword"));
        tls.setKeyManagers(keys);
        if (auth.get("trustStore") != null) {
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(store(auth.get("trustStore"), auth.get("trustStorePassword")));
            tls.setTrustManagers(trust);
        }
        return tls;
    }

    private static KeyStoreParameters store(String file, String password) {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + Path.of(file).toAbsolutePath());
        store.setPassword(password);
        store.setType(file.endsWith(".jks") ? "JKS" : "PKCS12");
        return store;
    }

    private String token(String systemId, TargetAuth auth) {
        Token cached = tokens.get(systemId);
        if (cached != null && clock.instant().isBefore(cached.renewAt())) {
            return cached.value();
        }
        Token fresh = fetchToken(systemId, auth);
        tokens.put(systemId, fresh);
        return fresh.value();
    }

    /** The client-credentials grant (RFC 6749 §4.4), client authenticated by HTTP basic (§2.3.1). */
    private Token fetchToken(String systemId, TargetAuth auth) {
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (auth.get("scope") != null) {
            form.append("&scope=").append(URLEncoder.encode(auth.get("scope"), StandardCharsets.UTF_8));
        }
        String client = URLEncoder.encode(auth.get("clientId"), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(auth.get("clientSecret"), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(auth.get("tokenUrl")))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        client.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.TARGET_UNAVAILABLE, systemId + ": the token endpoint "
                    + auth.get("tokenUrl") + " cannot be reached (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(ErrorCode.TARGET_UNAVAILABLE, systemId + ": interrupted fetching a token", e);
        }
        if (response.statusCode() != 200) {
            // 400/401 means the client id or secret is wrong: retrying will not help until an operator fixes it.
            ErrorCode code = response.statusCode() >= 500 ? ErrorCode.TARGET_UNAVAILABLE : ErrorCode.TARGET_REJECTED;
            throw new GatewayException(code, systemId + ": the token endpoint " + auth.get("tokenUrl")
                    + " answered " + response.statusCode() + "; check auth.clientId and auth.clientSecret");
        }
        try {
            JsonNode answer = json.readTree(response.body());
            String value = answer.path("access_token").asText(null);
            if (value == null || value.isBlank()) {
                throw new GatewayException(ErrorCode.TARGET_REJECTED, systemId + ": the token endpoint "
                        + auth.get("tokenUrl") + " answered without an access_token");
            }
            Duration lifetime = answer.hasNonNull("expires_in")
                    ? Duration.ofSeconds(answer.get("expires_in").asLong()) : DEFAULT_LIFETIME;
            Duration margin = lifetime.compareTo(EXPIRY_MARGIN.multipliedBy(2)) > 0 ? EXPIRY_MARGIN : Duration.ZERO;
            return new Token(value, clock.instant().plus(lifetime).minus(margin));
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.TARGET_REJECTED, systemId + ": the token endpoint "
                    + auth.get("tokenUrl") + " answered something that is not JSON", e);
        }
    }

    private ConnectedSystem system(String systemId) {
        return catalog.system(systemId).orElseThrow(() -> new GatewayException(ErrorCode.UNKNOWN_SYSTEM,
                "no connected system '" + systemId + "'"));
    }

    /** The SOAP header names CXF takes for request-level credentials, for {@link SoapTimeouts}. */
    static Map<String, List<String>> protocolHeaders(Map<String, String> headers) {
        Map<String, List<String>> protocol = new LinkedHashMap<>();
        headers.forEach((name, value) -> protocol.put(name, List.of(value)));
        return protocol;
    }
}
