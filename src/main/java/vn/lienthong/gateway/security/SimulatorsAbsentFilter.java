package vn.lienthong.gateway.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.lienthong.gateway.error.ErrorCode;

/**
 * Outside the demo, answers every request under {@code /sim} with 404 before authentication or CSRF, so the
 * simulators' paths behave as what they are there: absent. Matches the decoded, normalised servlet path.
 */
class SimulatorsAbsentFilter extends OncePerRequestFilter {

    private final ProblemWriter problems;

    SimulatorsAbsentFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return !(path.equals("/sim") || path.startsWith("/sim/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        problems.write(response, ErrorCode.NOT_FOUND, "No such resource: " + request.getRequestURI());
    }
}
