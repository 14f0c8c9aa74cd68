package vn.lienthong.gateway.delivery;

import java.util.Enumeration;

import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/** How many messages wait in a queue, counted by browsing (works with the embedded and an external broker). */
@Component
public class QueueDepths {

    /** Counting stops here; the API then shows this number as "at least". */
    static final int CAP = 100_000;

    private final JmsTemplate jms;

    public QueueDepths(JmsTemplate jms) {
        this.jms = jms;
    }

    public int depth(String queue) {
        Integer count = jms.browse(queue, (session, browser) -> {
            int n = 0;
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements() && n < CAP) {
                messages.nextElement();
                n++;
            }
            return n;
        });
        return count == null ? 0 : count;
    }
}
