package vn.lienthong.gateway.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.error.Problems;
import vn.lienthong.gateway.error.SoapFaults;

/**
 * What every request meets before anything reads it: a compressed body is refused (it could inflate past every
 * limit), a SOAP body is bounded like a REST body (413 with a SOAP Client fault), and a {@code %2F} in a path
 * segment reaches the controllers as part of the segment (document ids contain '/').
 */
@Configuration(proxyBeanMethods = false)
public class HostileRequests {

    /** Runs before Spring Security (order -100), so even an unauthenticated compressed body is never inflated. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<BodyGuard> hostileRequestFilter(
            ObjectMapper mapper, @Value("${gateway.intake.max-body-size:20MB}") DataSize maxBodySize) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new BodyGuard(mapper, maxBodySize));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        return registration;
    }

    /**
     * Tomcat decodes {@code %2F} in the servlet path (its default refuses it with a bare 400); the request URI keeps
     * it encoded, so a document id in {@code {*documentId}} arrives whole, and a {@code ..%2F} is still refused by
     * the firewall's normalisation check.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashPassthrough() {
        return factory -> factory.addConnectorCustomizers((Connector connector) ->
                connector.setEncodedSolidusHandling("decode"));
    }

    /** Spring Security's firewall lets {@code %2F} through too; '..' and the other checks stay. */
    @Bean
    WebSecurityCustomizer encodedSlashThroughTheFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        return web -> web.httpFirewall(firewall);
    }

    /** The filter itself. */
    public static final class BodyGuard extends OncePerRequestFilter {

        private final ObjectMapper mapper;
        private final DataSize limit;

        BodyGuard(ObjectMapper mapper, DataSize limit) {
            this.mapper = mapper;
            this.limit = limit;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean soap = request.getRequestURI().startsWith(request.getContextPath() + "/services/");
            String encoding = request.getHeader("Content-Encoding");
            if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.trim())) {
                refuse(response, soap, new GatewayException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding '"
                        + encoding + "' is not accepted; send the body uncompressed (a compressed body could"
                        + " inflate past every size limit)"));
                return;
            }
            if (soap && "POST".equals(request.getMethod())) {
                byte[] body;
                try {
                    body = BoundedBody.read(request, limit);
                } catch (GatewayException e) {
                    refuse(response, true, e);
                    return;
                }
                chain.doFilter(new Buffered(request, body), response);
                return;
            }
            chain.doFilter(request, response);
        }

        private void refuse(HttpServletResponse response, boolean soap, GatewayException e) throws IOException {
            response.setStatus(e.code().httpStatus());
            response.setCharacterEncoding("UTF-8");
            if (soap) {
                response.setContentType(MediaType.TEXT_XML_VALUE);
                response.getOutputStream().write(SoapFaults.envelope(e));
            } else {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                mapper.writeValue(response.getOutputStream(), Problems.of(e.code(), e.getMessage(), List.of()));
            }
        }
    }

    /** A request whose body was already read (and bounded) by the filter. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;
        private final InputStream in;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    try {
                        return in.available() == 0;
                    } catch (IOException e) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }

                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
