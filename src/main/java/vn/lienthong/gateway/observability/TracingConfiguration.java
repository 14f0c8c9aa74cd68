package vn.lienthong.gateway.observability;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.apache.camel.CamelContext;
import org.apache.camel.observation.MicrometerObservationTracer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tracing through OpenTelemetry, on only with {@code management.tracing.enabled=true} (off by default): every
 * Camel route and endpoint becomes a span, the trace context travels in the JMS messages across the broker hops,
 * spans go to {@code management.otlp.tracing.endpoint}, and log lines carry the trace and span ids. When it is off,
 * nothing of it runs on the message path: Camel gets no tracer at all.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "management.tracing.enabled", havingValue = "true")
public class TracingConfiguration {

    @Bean(destroyMethod = "")
    MicrometerObservationTracer camelTracer(CamelContext camel, ObservationRegistry observations, Tracer tracer) {
        MicrometerObservationTracer camelTracer = new MicrometerObservationTracer();
        camelTracer.setObservationRegistry(observations);
        camelTracer.setTracer(tracer);
        // JMS property names cannot hold '-': the trace headers are encoded on the way through the broker.
        camelTracer.setEncoding(true);
        // Camel's tracer puts the trace and span ids in the MDC of route threads only with MDC logging on.
        camel.setUseMDCLogging(true);
        camelTracer.init(camel);
        return camelTracer;
    }
}
