package vn.lienthong.gateway.cluster;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Tells the other nodes of a cluster that an operator paused or resumed a system, or that a system's circuit
 * changed, over the topic {@value #TOPIC} of the shared broker; each node receives it in
 * {@code routes/cluster/cluster-in-control.yaml} and applies it at once. Alone, nothing is sent.
 * A lost broadcast is not a lost pause: the pause is in the database and every node re-reads it every
 * {@code gateway.cluster.reconcile-interval}.
 */
@Component
public class ControlBroadcast {

    /** The topic every node subscribes to. */
    public static final String TOPIC = "gateway.cluster.control";
    /** What changed: one of {@link Change}. */
    public static final String CHANGE = "GatewayControlChange";
    /** The system it changed for. */
    public static final String SYSTEM = "GatewaySystem";
    /** The node it comes from. */
    public static final String NODE = "GatewayNode";

    /** What a broadcast says. */
    public enum Change { PAUSED, RESUMED, CIRCUIT_OPEN, CIRCUIT_HALF_OPEN, CIRCUIT_CLOSED }

    private static final Logger log = LoggerFactory.getLogger(ControlBroadcast.class);

    private final JmsTemplate jms;
    private final Leadership leadership;

    public ControlBroadcast(JmsTemplate jms, Leadership leadership) {
        this.jms = jms;
        this.leadership = leadership;
    }

    /** Sends {@code change} of {@code system} to the other nodes (not persistent: it is news, not a record). */
    public void send(Change change, String system) {
        if (!leadership.clustered()) {
            return;
        }
        try {
            jms.execute(session -> {
                Message message = session.createTextMessage("");
                message.setStringProperty(CHANGE, change.name());
                message.setStringProperty(SYSTEM, system);
                message.setStringProperty(NODE, leadership.nodeId());
                try (MessageProducer producer = session.createProducer(session.createTopic(TOPIC))) {
                    producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                    producer.send(message);
                }
                return null;
            }, false);
        } catch (JmsException e) {
            log.warn("Could not tell the other nodes that {} of {} happened ({}); a pause reaches them from the database"
                    + " within gateway.cluster.reconcile-interval, a circuit change when their own deliveries show it",
                    change, system, e.getMessage());
        }
    }

    /** Whether a broadcast came from this node itself (a topic gives every subscriber every message). */
    public boolean fromHere(String node) {
        return leadership.nodeId().equals(node);
    }
}
