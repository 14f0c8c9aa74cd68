package vn.lienthong.gateway.security;

import java.io.IOException;
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

/** Authenticates a connected system by its {@code X-Api-Key}; a wrong key is refused at once with 401. */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Api-Key";

    private final Catalog catalog;
    private final ProblemWriter problems;

    public ApiKeyAuthenticationFilter(Catalog catalog, ProblemWriter problems) {
        this.catalog = catalog;
        this.problems = problems;
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
        if (key != null) {
            Optional<ConnectedSystem> system = catalog.systemByApiKey(key);
            if (system.isEmpty()) {
                problems.write(response, ErrorCode.UNAUTHENTICATED,
                        "The X-Api-Key header does not match any connected system");
                return;
            }
            SystemAuthentication auth = new SystemAuthentication(new SystemPrincipal(system.get()));
            auth.setDetails(request.getRemoteAddr());
            SecurityContextHolder.getContext().setAuthentication(auth);
        }
        chain.doFilter(request, response);
    }
}
