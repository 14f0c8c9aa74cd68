package vn.lienthong.gateway.console;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;

/**
 * Guards every console request on the server, whatever a page showed: an action (any POST) needs OPERATOR or
 * ADMIN; and a session ends after {@code gateway.console.idle-timeout} without a request of the operator's own
 * (the overview's live refresh, marked {@value #POLL_HEADER}, does not keep a session open for ever).
 */
@Component
public class ConsoleGuard implements HandlerInterceptor {

    /** Sent by the console's own automatic refreshes. */
    static final String POLL_HEADER = "X-Console-Poll";
    static final String LAST_ACTIVITY = ConsoleGuard.class.getName() + ".lastActivity";

    private final ConsoleRoles roles;
    private final ConsoleProperties properties;

    public ConsoleGuard(ConsoleRoles roles, ConsoleProperties properties) {
        this.roles = roles;
        this.properties = properties;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            long now = System.currentTimeMillis();
            Long last = (Long) session.getAttribute(LAST_ACTIVITY);
            if (last != null && now - last > properties.idleTimeout().toMillis()) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                String login = request.getContextPath() + "/console/login?expired";
                if (request.getHeader("HX-Request") != null) {
                    response.setHeader("HX-Redirect", login);   // htmx leaves the page for the login form
                } else {
                    response.sendRedirect(login);
                }
                return false;
            }
            if (request.getHeader(POLL_HEADER) == null) {
                session.setAttribute(LAST_ACTIVITY, now);
                // The container's own timeout agrees, for a browser that simply went away.
                session.setMaxInactiveInterval((int) properties.idleTimeout().toSeconds());
            }
        }
        if ("POST".equals(request.getMethod())) {
            Authentication who = SecurityContextHolder.getContext().getAuthentication();
            if (!roles.canAct(who)) {
                throw new GatewayException(ErrorCode.FORBIDDEN, (who == null ? "Nobody" : who.getName())
                        + " may not " + request.getMethod() + " " + request.getRequestURI()
                        + ": actions need the OPERATOR role");
            }
        }
        return true;
    }
}
