package vn.lienthong.gateway.deadline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the gateway keeps what it has seen. Events outlive payloads: the timeline of a dossier stays
 * answerable after its content is gone.
 *
 * @param payloads  age after which dossier revision payloads (of closed dossiers) and resolved dead-letter
 *                  payloads are blanked; the rows stay for duplicate detection and the record
 * @param events    age after which tracking events are deleted; at least {@code payloads}
 * @param cron      when the purge runs (Spring cron, in the server's time zone)
 * @param batchSize rows changed per statement, so a large first purge does not hold long locks
 */
@ConfigurationProperties("gateway.retention")
public record RetentionProperties(Duration payloads, Duration events, String cron, Integer batchSize) {

    public RetentionProperties {
        payloads = payloads == null ? Duration.ofDays(90) : payloads;
        events = events == null ? Duration.ofDays(365) : events;
        cron = cron == null ? "0 30 2 * * *" : cron;
        batchSize = batchSize == null ? 1000 : batchSize;
        if (payloads.isNegative() || payloads.isZero()) {
            throw new IllegalArgumentException("gateway.retention.payloads must be positive, not " + payloads);
        }
        if (events.compareTo(payloads) < 0) {
            throw new IllegalArgumentException("gateway.retention.events (" + events + ") must be at least"
                    + " gateway.retention.payloads (" + payloads + "): events are kept longer than payloads");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("gateway.retention.batch-size must be at least 1, not " + batchSize);
        }
    }
}
