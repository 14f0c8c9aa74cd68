package vn.lienthong.gateway.document;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.delivery.DeliveryHeaders;

/**
 * The sending side of the axis connector, used by {@code routes/national-axis/national-axis-out-send.yaml}:
 * hands one signed package from the axis's delivery queue to the axis. A failure fails the exchange, so
 * the JMS transaction rolls back and the broker redelivers it with back-off.
 */
@NationalAxisFeature
@Component("axisOutbox")
public class AxisOutbox {

    private static final Logger log = LoggerFactory.getLogger(AxisOutbox.class);

    private final AxisClient client;
    private final DocumentStore store;

    public AxisOutbox(AxisClient client, DocumentStore store) {
        this.client = client;
        this.store = store;
    }

    public void send(Exchange exchange) {
        String flow = DeliveryHeaders.get(exchange, DeliveryHeaders.FLOW);
        String messageId = DeliveryHeaders.get(exchange, DeliveryHeaders.MESSAGE_ID);
        String documentId = DeliveryHeaders.get(exchange, DeliveryHeaders.CORRELATION_ID);
        AxisClient.ServiceType type = AxisInbox.FLOW_STATUS.equals(flow) ? AxisClient.ServiceType.STATUS
                : AxisClient.ServiceType.EDOC;
        byte[] body = exchange.getIn().getBody(String.class).getBytes(StandardCharsets.UTF_8);
        String axisId = client.send(body, type, messageId);
        if (type == AxisClient.ServiceType.EDOC) {
            store.sent(messageId, axisId);
        }
        log.info("Sent {} package {} for {} to the axis as {}", type.wire(), messageId, documentId, axisId);
    }
}
