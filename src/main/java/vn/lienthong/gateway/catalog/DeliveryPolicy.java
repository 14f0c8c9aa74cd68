package vn.lienthong.gateway.catalog;

import java.time.Duration;

/**
 * How hard the gateway tries to deliver to one system.
 *
 * @param maxAttempts  attempts before a message is dead-lettered
 * @param initialDelay wait before the first retry
 * @param multiplier   backoff factor between retries
 * @param maxDelay     longest wait between two retries
 * @param timeout      how long one attempt may take
 */
public record DeliveryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay,
                             Duration timeout) {

    /** Defaults for a system whose file has no {@code delivery} block. */
    public static final DeliveryPolicy DEFAULT =
            new DeliveryPolicy(6, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), Duration.ofSeconds(10));

    /** The wait before retry number {@code retry} (1-based), capped by {@link #maxDelay}. */
    public Duration delayBeforeRetry(int retry) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }
}
