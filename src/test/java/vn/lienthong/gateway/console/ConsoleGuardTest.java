package vn.lienthong.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;

/** The console's server-side guard: actions need OPERATOR whatever a page showed; idle sessions end. */
class ConsoleGuardTest {

    private final ConsoleGuard guard = new ConsoleGuard(new ConsoleRoles(RoleHierarchyImpl.fromHierarchy(
            "ROLE_ADMIN > ROLE_OPERATOR\nROLE_OPERATOR > ROLE_VIEWER")),
            new ConsoleProperties(Duration.ofMinutes(30), null, null, null));

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aViewerMayLookButNotAct() throws Exception {
        signIn("viewer", "ROLE_VIEWER");
        assertThat(guard.preHandle(request("GET"), new MockHttpServletResponse(), null)).isTrue();
        assertThatThrownBy(() -> guard.preHandle(request("POST"), new MockHttpServletResponse(), null))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void operatorsAndAdminsAct() throws Exception {
        signIn("operator", "ROLE_OPERATOR");
        assertThat(guard.preHandle(request("POST"), new MockHttpServletResponse(), null)).isTrue();
        signIn("admin", "ROLE_ADMIN");
        assertThat(guard.preHandle(request("POST"), new MockHttpServletResponse(), null)).isTrue();
    }

    @Test
    void aSessionIdleLongerThanTheTimeoutEndsAndLeadsToTheLogin() throws Exception {
        signIn("operator", "ROLE_OPERATOR");
        MockHttpServletRequest first = request("GET");
        guard.preHandle(first, new MockHttpServletResponse(), null);
        MockHttpSession session = (MockHttpSession) first.getSession();
        assertThat(session.getMaxInactiveInterval()).isEqualTo(30 * 60);
        backdate(session, Duration.ofMinutes(31));

        MockHttpServletRequest later = request("GET");
        later.setSession(session);
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(guard.preHandle(later, response, null)).isFalse();
        assertThat(session.isInvalid()).isTrue();
        assertThat(response.getRedirectedUrl()).isEqualTo("/console/login?expired");
    }

    @Test
    void theOverviewsOwnRefreshesDoNotKeepASessionAlive() throws Exception {
        signIn("operator", "ROLE_OPERATOR");
        MockHttpServletRequest first = request("GET");
        guard.preHandle(first, new MockHttpServletResponse(), null);
        MockHttpSession session = (MockHttpSession) first.getSession();
        backdate(session, Duration.ofMinutes(20));

        MockHttpServletRequest poll = request("GET");
        poll.setSession(session);
        poll.addHeader(ConsoleGuard.POLL_HEADER, "true");
        assertThat(guard.preHandle(poll, new MockHttpServletResponse(), null)).isTrue();
        backdate(session, Duration.ofMinutes(11));

        MockHttpServletRequest nextPoll = request("GET");
        nextPoll.setSession(session);
        nextPoll.addHeader(ConsoleGuard.POLL_HEADER, "true");
        nextPoll.addHeader("HX-Request", "true");
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(guard.preHandle(nextPoll, response, null)).isFalse();
        assertThat(response.getHeader("HX-Redirect")).isEqualTo("/console/login?expired");
    }

    private static void signIn(String user, String role) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user,
                null, List.of(new SimpleGrantedAuthority(role))));
    }

    private static MockHttpServletRequest request(String method) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/console/dead-letters/x/replay");
        request.getSession(true);
        return request;
    }

    /** Moves the session's last activity back by {@code by}, as if that much time had passed. */
    private static void backdate(MockHttpSession session, Duration by) {
        session.setAttribute(ConsoleGuard.LAST_ACTIVITY,
                (Long) session.getAttribute(ConsoleGuard.LAST_ACTIVITY) - by.toMillis());
    }
}
