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
    private final PackageStore claimCheck;

    public AxisOutbox(AxisClient client, DocumentStore store, PackageStore claimCheck) {
        this.client = client;
        this.store = store;
        this.claimCheck = claimCheck;
    }

    public void send(Exchange exchange) {
        String flow = DeliveryHeaders.get(exchange, DeliveryHeaders.FLOW);
        String messageId = DeliveryHeaders.get(exchange, DeliveryHeaders.MESSAGE_ID);
        String documentId = DeliveryHeaders.get(exchange, DeliveryHeaders.CORRELATION_ID);
        AxisClient.ServiceType type = AxisInbox.FLOW_STATUS.equals(flow) ? AxisClient.ServiceType.STATUS
                : AxisClient.ServiceType.EDOC;
        String body = exchange.getIn().getBody(String.class);
        // A large document is queued by its reference in the claim check and streamed from its file.
        String axisId = PackageStore.isRef(body) ? client.send(claimCheck.get(body).file(), type, messageId)
                : client.send(body.getBytes(StandardCharsets.UTF_8), type, messageId);
        if (type == AxisClient.ServiceType.EDOC) {
            store.sent(messageId, axisId);
        }
        log.info("Sent {} package {} for {} to the axis as {}", type.wire(), messageId, documentId, axisId);
    }
}
