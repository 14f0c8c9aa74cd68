package vn.lienthong.gateway.delivery;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Connections to an agency's own ActiveMQ Artemis broker, for the {@code jms-broker-sink} connector: one connection per
 * system, kept open and shared by its deliveries, with its sessions and producers cached. Before, every message opened
 * and closed a connection of its own (a TCP connection, a login and a session on the agency's broker per dossier).
 * A connection the broker drops is opened again at the next delivery (the failed one is retried as any other).
 */
public final class AgencyBrokers {

    /** Sessions kept open: one for each of a system's parallel deliveries by default (4), and room for more. */
    static final int SESSIONS = 16;

    private AgencyBrokers() {
    }

    /** The connection factory the kamelet's deliveries use (its bean {@code agencyBroker}). */
    public static CachingConnectionFactory connectionFactory(String brokerUrl, String username, String password) {
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory(brokerUrl, username, password);
        CachingConnectionFactory cached = new CachingConnectionFactory((ConnectionFactory) artemis);
        cached.setSessionCacheSize(SESSIONS);
        cached.setReconnectOnException(true);
        return cached;
    }
}
