package vn.lienthong.gateway.observability;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The broker's part of {@code /actuator/health} and of readiness ({@code jms}), answered within 5 seconds
 * whatever the broker does. Boot's own indicator asks the shared, cached connection, whose lock every JMS
 * listener also takes while it reconnects: with the broker gone, a probe could wait behind all of them for longer
 * than a load balancer or Kubernetes waits (seen in BrokerCrashIT). This one opens a connection of its own on the
 * underlying factory and gives up after 5 seconds: the broker is then reported DOWN, which is what it is.
 */
@Component("jmsHealthIndicator")
public class BrokerHealth extends AbstractHealthIndicator {

    private static final long TIMEOUT_SECONDS = 5;

    private final ConnectionFactory factory;
    private final ExecutorService probes = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "broker-health");
        thread.setDaemon(true);
        return thread;
    });

    public BrokerHealth(ConnectionFactory connectionFactory) {
        super("The broker could not be reached");
        this.factory = connectionFactory instanceof SingleConnectionFactory cached
                && cached.getTargetConnectionFactory() != null ? cached.getTargetConnectionFactory() : connectionFactory;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        CompletableFuture<String> probe = CompletableFuture.supplyAsync(() -> {
            try (Connection connection = factory.createConnection()) {
                connection.start();
                return connection.getMetaData().getJMSProviderName();
            } catch (JMSException e) {
                throw new CompletionException(e);
            }
        }, probes);
        try {
            builder.up().withDetail("provider", probe.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            probe.cancel(true);
            builder.down().withDetail("error", "the broker did not answer within " + TIMEOUT_SECONDS + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            builder.down(e.getCause() instanceof Exception cause ? cause : e);
        }
    }
}
