package vn.lienthong.gateway.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery-wide settings; per-system retry policies live in each system's {@code delivery} block.
 *
 * @param circuitFailureThreshold consecutive transient failures that open a system's circuit
 * @param circuitOpenDuration     wait before the first health probe of an open circuit (doubles up to the
 *                                system's {@code maxDelay} while probes fail)
 * @param concurrentConsumers     parallel deliveries per system
 */
@ConfigurationProperties("gateway.delivery")
public record DeliveryProperties(Integer circuitFailureThreshold, Duration circuitOpenDuration,
                                 Integer concurrentConsumers) {

    public DeliveryProperties {
        circuitFailureThreshold = circuitFailureThreshold == null ? 5 : circuitFailureThreshold;
        circuitOpenDuration = circuitOpenDuration == null ? Duration.ofSeconds(10) : circuitOpenDuration;
        concurrentConsumers = concurrentConsumers == null ? 4 : concurrentConsumers;
    }
}
