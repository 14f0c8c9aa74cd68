package vn.lienthong.gateway.observability;

import java.util.Map;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %traceIds} in a log pattern: {@code [traceId,spanId] } of the trace the line belongs to, or nothing when
 * tracing is off. Reads both the keys Micrometer Tracing puts in the MDC ({@code traceId}, {@code spanId}) and the
 * ones Camel's tracer puts there for route threads ({@code trace_id}, {@code span_id}).
 */
public class TraceIdConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        String trace = mdc.getOrDefault("traceId", mdc.get("trace_id"));
        if (trace == null || trace.isEmpty()) {
            return "";
        }
        return "[" + trace + "," + mdc.getOrDefault("spanId", mdc.getOrDefault("span_id", "")) + "] ";
    }
}
