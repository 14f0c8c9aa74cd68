package vn.lienthong.gateway.security;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.support.Sha256;

/**
 * Authenticates a connected system by its TLS client certificate (when the system names one and the connector
 * asked for it) or by its {@code X-Api-Key}; a wrong key is refused at once with 401, logged and counted.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Api-Key";
    /**
     * Request attribute: the SHA-256 fingerprint of a client certificate that names no connected system, so that a
     * request refused for want of an identity says why (and the fingerprint a system file would need).
     */
    public static final String UNKNOWN_CERTIFICATE = ApiKeyAuthenticationFilter.class.getName() + ".unknownCertificate";

    private final Catalog catalog;
    private final ProblemWriter problems;
    private final AuthenticationFailures failures;

    public ApiKeyAuthenticationFilter(Catalog catalog, ProblemWriter problems, AuthenticationFailures failures) {
        this.catalog = catalog;
        this.problems = problems;
        this.failures = failures;
    }

    /** SOAP answers are written on an async dispatch (CXF continuations); the caller must stay known there. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        Optional<ConnectedSystem> byCertificate = certificateOwner(request);
        if (key != null) {
            Optional<ConnectedSystem> system = catalog.systemByApiKey(key);
            if (system.isEmpty()) {
                failures.system("api-key", request.getRemoteAddr(), request.getRequestURI(),
                        "the key matches no connected system");
                problems.write(response, ErrorCode.UNAUTHENTICATED,
                        "The X-Api-Key header does not match any connected system");
                return;
            }
            if (byCertificate.isPresent() && !byCertificate.get().id().equals(system.get().id())) {
                failures.system("certificate", request.getRemoteAddr(), request.getRequestURI(),
                        "the client certificate and the key name different systems");
                problems.write(response, ErrorCode.UNAUTHENTICATED,
                        "The client certificate and the X-Api-Key belong to different systems");
                return;
            }
            authenticate(request, system.get());
        } else if (byCertificate.isPresent()) {
            authenticate(request, byCertificate.get());
        } else {
            unknownCertificate(request).ifPresent(fingerprint -> request.setAttribute(UNKNOWN_CERTIFICATE, fingerprint));
        }
        chain.doFilter(request, response);
    }

    private static void authenticate(HttpServletRequest request, ConnectedSystem system) {
        SystemAuthentication auth = new SystemAuthentication(new SystemPrincipal(system));
        auth.setDetails(request.getRemoteAddr());
        SecurityContextHolder.getContext().setAuthentication(auth);
    }

    /** The system whose configured client certificate the TLS connection presented (mutual TLS), if any. */
    private Optional<ConnectedSystem> certificateOwner(HttpServletRequest request) {
        return clientCertificate(request).flatMap(catalog::systemByCertificate);
    }

    /** The fingerprint of the client certificate presented, when there is one and no system names it. */
    private Optional<String> unknownCertificate(HttpServletRequest request) {
        return clientCertificate(request).filter(der -> catalog.systemByCertificate(der).isEmpty())
                .map(der -> HexFormat.ofDelimiter(":").formatHex(Sha256.of(der)));
    }

    /** The DER encoding of the TLS client certificate (the first of the chain the connector verified), if any. */
    private static Optional<byte[]> clientCertificate(HttpServletRequest request) {
        if (request.getAttribute("jakarta.servlet.request.X509Certificate") instanceof X509Certificate[] chain
                && chain.length > 0) {
            try {
                return Optional.of(chain[0].getEncoded());
            } catch (CertificateEncodingException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
