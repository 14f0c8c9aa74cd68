package vn.lienthong.gateway.delivery;

import java.util.UUID;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.tracking.EventType;
import vn.lienthong.gateway.tracking.TrackingEvent;
import vn.lienthong.gateway.tracking.TrackingEvents;

/**
 * Tells the operator about a status file that was not taken (moved to {@code .error/}): the reason in the log
 * and a REJECTED tracking event under a message id of its own, so it shows in the console and in
 * {@code GET /api/v1/messages?system=…&state=REJECTED}.
 */
@Component("statusFileFailures")
public class StatusFileFailures {

    private static final Logger log = LoggerFactory.getLogger(StatusFileFailures.class);

    private final TrackingEvents events;

    public StatusFileFailures(TrackingEvents events) {
        this.events = events;
    }

    public void refused(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = failure == null ? "unknown failure"
                : failure instanceof GatewayException g ? g.code() + ": " + g.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        String system = exchange.getIn().getHeader(DeliveryHeaders.SYSTEM, String.class);
        String file = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        String messageId = UUID.randomUUID().toString();
        log.warn("Status file {} from {} was not taken and goes to .error/ (tracked as {}): {}", file, system,
                messageId, reason);
        events.publish(TrackingEvent.now(EventType.REJECTED, exchange.getIn().getHeader(DeliveryHeaders.FLOW,
                String.class), system, messageId, null, null, null, "status file " + file + " moved to .error/: "
                + reason));
    }
}
