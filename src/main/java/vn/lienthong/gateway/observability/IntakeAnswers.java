package vn.lienthong.gateway.observability;

import java.io.IOException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code gateway_intake_answers_total{entry, status}}: every answer the gateway gave to what connected systems
 * send it (dossiers, department statuses over REST and SOAP, documents and their statuses), by HTTP status,
 * refusals by authentication included (the filter runs before security). A rising share of 4xx or 5xx is what
 * the "intake failing" alert watches.
 */
@Configuration(proxyBeanMethods = false)
public class IntakeAnswers {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> intakeAnswersFilter(MeterRegistry registry) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Filter(registry));
        registration.addUrlPatterns("/api/*", "/services/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Which intake a request is, or null for everything else (operators' reads, WSDL downloads). */
    static String entry(String method, String path) {
        if (path.startsWith("/services/")) {
            return "POST".equals(method) ? "status-soap" : null;
        }
        if (!"POST".equals(method)) {
            return null;
        }
        if (path.equals("/api/v1/dossiers")) {
            return "dossier";
        }
        if (path.startsWith("/api/v1/dossiers/") && path.endsWith("/status")) {
            return "status";
        }
        if (path.equals("/api/v1/documents")) {
            return "document";
        }
        if (path.startsWith("/api/v1/documents/") && path.endsWith("/status")) {
            return "document-status";
        }
        return null;
    }

    private static final class Filter extends OncePerRequestFilter {

        private final MeterRegistry registry;

        Filter(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        protected boolean shouldNotFilterAsyncDispatch() {
            return true;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String entry = entry(request.getMethod(), request.getRequestURI().substring(request.getContextPath()
                    .length()));
            try {
                chain.doFilter(request, response);
            } finally {
                if (entry != null) {
                    if (request.isAsyncStarted()) {
                        // SOAP answers are written later, on an async dispatch (CXF continuations).
                        request.getAsyncContext().addListener(new AsyncListener() {
                            @Override
                            public void onComplete(AsyncEvent event) {
                                count(entry, ((HttpServletResponse) event.getSuppliedResponse()).getStatus());
                            }

                            @Override
                            public void onTimeout(AsyncEvent event) {
                                count(entry, 503);
                            }

                            @Override
                            public void onError(AsyncEvent event) {
                                count(entry, 500);
                            }

                            @Override
                            public void onStartAsync(AsyncEvent event) {
                                event.getAsyncContext().addListener(this);
                            }
                        });
                    } else {
                        count(entry, response.getStatus());
                    }
                }
            }
        }

        private void count(String entry, int status) {
            Counter.builder("gateway.intake.answers").description("Answers to connected systems' requests, by status")
                    .tag("entry", entry).tag("status", String.valueOf(status)).register(registry).increment();
        }
    }
}
