package vn.lienthong.gateway.deadline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.cluster.Leadership;
import vn.lienthong.gateway.delivery.DeadLetters;
import vn.lienthong.gateway.document.PackageStore;

/**
 * The retention purge, on {@code gateway.retention.cron}: blanks old payloads (dossier revisions of closed
 * dossiers, resolved dead letters), removes received edXML packages of the same age from the claim check
 * ({@link PackageStore}) and deletes old tracking events, in batches, and logs the counts.
 * Revision rows stay: their fingerprint still answers a duplicate submission. Payloads of open dossiers
 * stay whatever their age: a later step is delivered from the latest revision. In a cluster only the leader purges.
 */
@Component
public class RetentionJob implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);


    /**
     * What one purge did.
     *
     * @param revisionPayloads   dossier revision payloads blanked
     * @param deadLetterPayloads resolved dead-letter payloads blanked
     * @param events             tracking events deleted
     * @param packages           received packages removed from the claim check
     */
    public record Purged(int revisionPayloads, int deadLetterPayloads, int events, int packages) {
    }

    private final JdbcTemplate jdbc;
    private final RetentionProperties properties;
    private final Leadership leadership;
    private final PackageStore packages;

    public RetentionJob(JdbcTemplate jdbc, RetentionProperties properties, Leadership leadership,
                        PackageStore packages) {
        this.jdbc = jdbc;
        this.packages = packages;
        this.properties = properties;
        this.leadership = leadership;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addCronTask(() -> {
            if (leadership.isLeader()) {
                purge(Instant.now());
            } else {
                log.debug("Retention purge left to the cluster leader");
            }
        }, properties.cron());
    }

    /** Purges what is older than the retention periods, counted back from {@code now}. */
    public Purged purge(Instant now) {
        OffsetDateTime payloadsBefore = now.minus(properties.payloads()).atOffset(ZoneOffset.UTC);
        OffsetDateTime eventsBefore = now.minus(properties.events()).atOffset(ZoneOffset.UTC);
        int batch = properties.batchSize();
        String closed = String.join(", ", Deadlines.CLOSED.stream().map(state -> "?").toList());
        List<Object> revisionArgs = new ArrayList<>(List.of(payloadsBefore));
        revisionArgs.addAll(Deadlines.CLOSED);
        revisionArgs.add(batch);
        int revisions = inBatches(() -> {
            List<Object[]> keys = jdbc.query("SELECT r.dossier_code, r.revision FROM dossier_revision r JOIN dossier d"
                            + " ON d.dossier_code = r.dossier_code WHERE r.received_at < ? AND r.payload <> ''"
                            + " AND d.state IN (" + closed + ") ORDER BY r.received_at LIMIT ?",
                    (rs, i) -> new Object[] {rs.getString(1), rs.getInt(2)}, revisionArgs.toArray());
            jdbc.batchUpdate("UPDATE dossier_revision SET payload = '' WHERE dossier_code = ? AND revision = ?", keys);
            return keys.size();
        }, batch);
        int deadLetters = inBatches(() -> jdbc.update("UPDATE dead_letter SET payload = '' WHERE id IN (SELECT id"
                + " FROM dead_letter WHERE payload <> '' AND state IN (?, ?) AND resolved_at < ? ORDER BY id LIMIT ?)",
                DeadLetters.REPLAYED, DeadLetters.DISCARDED, payloadsBefore, batch), batch);
        int events = inBatches(() -> jdbc.update("DELETE FROM tracking_event WHERE seq IN (SELECT seq FROM"
                + " tracking_event WHERE at < ? ORDER BY seq LIMIT ?)", eventsBefore, batch), batch);
        int packageFiles = packages.deleteOlderThan(payloadsBefore.toInstant());
        Purged purged = new Purged(revisions, deadLetters, events, packageFiles);
        log.info("Retention purge: {} revision payloads and {} dead-letter payloads older than {} blanked, {} received"
                + " packages removed, {} tracking events older than {} deleted", revisions, deadLetters,
                properties.payloads(), packageFiles, events, properties.events());
        return purged;
    }

    private static int inBatches(Batch batch, int size) {
        int total = 0;
        int n;
        do {
            n = batch.run();
            total += n;
        } while (n >= size);
        return total;
    }

    @FunctionalInterface
    private interface Batch {
        int run();
    }
}
