package vn.lienthong.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.tracking.EventType;
import vn.lienthong.gateway.tracking.TrackingEvent;
import vn.lienthong.gateway.tracking.TrackingEvents;

/**
 * What a route consuming from the broker sends (through Camel's {@code jms:} producer and through the tracking
 * events' JmsTemplate) is committed in the consumer's own transaction, with the acknowledgement of the message it
 * came from: a route that fails after sending leaves nothing behind, and its redelivery sends each message once.
 * The gateway's routing and delivery routes rely on it (config/application.yml, {@code camel.component.jms}).
 */
class ConsumerTransactionE2ETest extends GatewayTestSupport {

    @Autowired
    CamelContext camel;
    @Autowired
    TrackingEvents events;
    @Autowired
    JmsTemplate jms;
    @Autowired
    JdbcTemplate jdbc;

    private final List<String> threads = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aRouteThatFailsAfterSendingLeavesNothingBehindAndItsRedeliverySendsOnce() throws Exception {
        String key = "TX-" + System.nanoTime();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:test.tx.in").routeId("test-consumer-transaction")
                        .process(exchange -> {
                            threads.add(Thread.currentThread().getName());
                            events.publish(TrackingEvent.now(EventType.ROUTED, "test", "test", "tx-message", key,
                                    null, null, "sent by attempt " + threads.size()));
                        })
                        .to("jms:queue:test.tx.out?exchangePattern=InOnly")
                        .process(exchange -> {
                            if (threads.size() == 1) {
                                throw new IllegalStateException("the first attempt fails after its sends");
                            }
                        });
            }
        });
        try {
            jms.convertAndSend("test.tx.in", key);

            await().atMost(Duration.ofSeconds(30)).until(() -> count(key) >= 1 && depth("test.tx.out") >= 1);
            assertThat(threads).as("attempts").hasSize(2);
            assertThat(depth("test.tx.out")).as("messages sent on to test.tx.out: the failed attempt's rolled back")
                    .isEqualTo(1);
            assertThat(jdbc.queryForList("SELECT detail FROM tracking_event WHERE correlation_id = ?", String.class,
                    key)).as("tracking events stored: the failed attempt's rolled back")
                    .containsExactly("sent by attempt 2");
        } finally {
            camel.getRouteController().stopRoute("test-consumer-transaction");
            camel.removeRoute("test-consumer-transaction");
        }
    }

    private int count(String key) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event WHERE correlation_id = ?",
                Integer.class, key);
        return n == null ? 0 : n;
    }

    private int depth(String queue) {
        Integer n = jms.browse(queue, (session, browser) -> Collections.list(browser.getEnumeration()).size());
        return n == null ? 0 : n;
    }
}
