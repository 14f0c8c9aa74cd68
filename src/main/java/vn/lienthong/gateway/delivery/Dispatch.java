package vn.lienthong.gateway.delivery;

/**
 * A message to hand to one system's delivery queue.
 *
 * @param system        target system id; the queue is {@code gateway.delivery.<system>}
 * @param flow          {@code dossier} (to a department) or {@code callback} (to the one-stop software)
 * @param messageId     the message id, sent to the target as {@code Idempotency-Key}
 * @param correlationId the business key (dossier code), also the ordering group
 * @param body          the payload
 */
public record Dispatch(String system, String flow, String messageId, String correlationId, String body) {

    public static final String FLOW_DOSSIER = "dossier";
    public static final String FLOW_CALLBACK = "callback";

    /** The JMS queue of the target system. */
    public String queue() {
        return DeliveryHeaders.deliveryQueue(system);
    }
}
