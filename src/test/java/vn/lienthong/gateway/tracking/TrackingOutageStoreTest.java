package vn.lienthong.gateway.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.connection.JmsTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.TestDatabase;

/**
 * Tracking events are never lost: 10,000 events are published while the PostgreSQL server is stopped
 * for a few seconds, and every one of them is in the store, once, after it comes back. (PostgreSQL
 * only: the embedded H2 database cannot be stopped on its own; runs in the postgres test execution.)
 */
class TrackingOutageStoreTest extends GatewayTestSupport {

    private static final int EVENTS = 10_000;

    @Autowired
    TrackingEvents events;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JmsTransactionManager jmsTransactionManager;

    @Test
    void eventsPublishedWhileTheDatabaseIsDownAreAllStoredOnceItIsBack() throws Exception {
        assumeTrue(TestDatabase.POSTGRES, "needs PostgreSQL (the postgres test execution, -Dgateway.test.db=postgres)");
        assumeTrue(TestDatabase.embedded(), "stops the database server, so it runs only against the embedded"
                + " PostgreSQL of this JVM, never a server given with GATEWAY_TEST_PG_URL");
        String key = "OUTAGE-" + System.nanoTime();
        TransactionTemplate batch = new TransactionTemplate(jmsTransactionManager);
        try {
            for (int i = 0; i < EVENTS; i += 500) {
                if (i == 3000) {
                    TestDatabase.stopEmbedded();
                }
                int from = i;
                batch.executeWithoutResult(status -> {
                    for (int n = from; n < from + 500; n++) {
                        events.publish(TrackingEvent.now(EventType.ROUTED, "outage-test", "test", "m-" + n, key,
                                null, null, "event " + n));
                    }
                });
            }
            // The database stays down a little while the writer keeps failing and retrying.
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        } finally {
            TestDatabase.startEmbedded();
        }
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(count(key)).isEqualTo(EVENTS));
        Integer distinct = jdbc.queryForObject("SELECT COUNT(DISTINCT message_id) FROM tracking_event"
                + " WHERE correlation_id = ?", Integer.class, key);
        assertThat(distinct).isEqualTo(EVENTS);
    }

    private int count(String key) {
        try {
            Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM tracking_event WHERE correlation_id = ?",
                    Integer.class, key);
            return n == null ? 0 : n;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
