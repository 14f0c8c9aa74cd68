package vn.lienthong.gateway.delivery;

import java.time.Duration;
import java.util.Map;

import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts a message back on a queue for later, as a scheduled (JMS 2.0 delivery delay) message: the wait
 * lives in the broker, survives a restart, and holds no thread. Inside a transacted route the send
 * commits together with the consumption of the failed message.
 */
@Component
public class DeliveryScheduler {

    private final JmsTemplate jms;

    public DeliveryScheduler(JmsTemplate jms) {
        this.jms = jms;
    }

    public void sendLater(String queue, String body, Map<String, Object> properties, Duration delay) {
        jms.execute(session -> {
            Message message = session.createTextMessage(body);
            for (Map.Entry<String, Object> p : properties.entrySet()) {
                if (p.getValue() != null) {
                    message.setObjectProperty(p.getKey(), p.getValue());
                }
            }
            try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                producer.setDeliveryDelay(Math.max(0, delay.toMillis()));
                producer.send(message);
            }
            return null;
        }, false);
    }
}
