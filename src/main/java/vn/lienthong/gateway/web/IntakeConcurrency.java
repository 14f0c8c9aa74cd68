package vn.lienthong.gateway.web;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code gateway.intake.max-concurrent} requests that bring a body to the API ({@code POST} and {@code PUT}
 * under {@code /api/}) are worked on at once; the others wait their turn before their body is read. On JDK 17
 * Tomcat's 200 threads set that bound; with virtual threads (JDK 21+) nothing did, and under a load larger than the
 * gateway can take every waiting request held its body and its parsed dossier in memory: in the benchmark at
 * 500 dossiers/s the heap ran full and the JVM spent its time collecting (docs/benchmarks.md). Reads, the console
 * and the health probes are not counted, so they still answer while intake is saturated.
 */
@Configuration(proxyBeanMethods = false)
public class IntakeConcurrency {

    @Bean
    FilterRegistrationBean<Limit> intakeConcurrencyFilter(@Value("${gateway.intake.max-concurrent:200}") int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("gateway.intake.max-concurrent must be at least 1, not " + permits);
        }
        FilterRegistrationBean<Limit> registration = new FilterRegistrationBean<>(new Limit(permits));
        // Before anything reads the body (HostileRequests' guard runs at HIGHEST_PRECEDENCE + 50).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The filter: a fair semaphore, so requests are worked on in the order they came. */
    public static final class Limit extends OncePerRequestFilter {

        private final Semaphore permits;

        public Limit(int permits) {
            this.permits = new Semaphore(permits, true);
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            String method = request.getMethod();
            return !("POST".equals(method) || "PUT".equals(method)) || !request.getRequestURI().startsWith("/api/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServletException("interrupted while waiting for an intake slot", e);
            }
            try {
                chain.doFilter(request, response);
            } finally {
                permits.release();
            }
        }

        /** Requests waiting for a slot now (for tests and diagnostics). */
        public int waiting() {
            return permits.getQueueLength();
        }
    }
}
