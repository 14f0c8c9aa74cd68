package vn.lienthong.gateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.catalog.GatewayProperties;
import vn.lienthong.gateway.cluster.Leadership;
import vn.lienthong.gateway.document.PackageStore;
import vn.lienthong.gateway.document.PackageStoreProperties;

/** The retention purge on seeded old rows: payloads after 90 days, events after 365, in batches. */
class RetentionPurgeE2ETest extends GatewayTestSupport {

    /** The purge runs "on 1 January 2021": only the rows seeded here are that old in the test database. */
    private static final Instant NOW = Instant.parse("2021-01-01T00:00:00Z");
    private static final OffsetDateTime OLD = OffsetDateTime.parse("2020-06-01T10:00:00+07:00");   // > 90 days
    private static final OffsetDateTime RECENT = OffsetDateTime.parse("2020-12-01T10:00:00+07:00"); // < 90 days
    private static final OffsetDateTime ANCIENT = OffsetDateTime.parse("2019-06-01T10:00:00+07:00"); // > 365 days

    @Autowired
    Leadership leadership;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path packageFolder;

    @Test
    void oldPayloadsAreBlankedAndOldEventsDeletedWhileRowsThatStillMatterStay() throws Exception {
        dossier("RET-DONE", "COMPLETED");
        dossier("RET-OPEN", "IN_PROGRESS");
        revision("RET-DONE", 1, OLD);
        revision("RET-DONE", 2, OLD);
        revision("RET-DONE", 3, RECENT);
        revision("RET-OPEN", 1, OLD);     // still needed: a later step is delivered from it
        deadLetter("RET-DL-1", "DISCARDED", OLD);
        deadLetter("RET-DL-2", "REPLAYED", OLD);
        deadLetter("RET-DL-3", "REPLAYED", RECENT);
        deadLetter("RET-DL-4", "DEAD", null);   // unresolved: an operator may still replay it
        for (int i = 0; i < 5; i++) {
            event("RET-EV-OLD-" + i, ANCIENT);
        }
        event("RET-EV-KEPT", OLD);           // payload age, but events are kept a year

        // Received packages in the claim check: one of payload age, one recent.
        PackageStore packages = new PackageStore(new PackageStoreProperties(packageFolder, null),
                new GatewayProperties(packageFolder, null, null));
        Path oldPackage = packages.write("RET-PKG-OLD", new ByteArrayInputStream(new byte[10]), 100).file();
        Files.setLastModifiedTime(oldPackage, FileTime.from(OLD.toInstant()));
        Path recentPackage = packages.write("RET-PKG-RECENT", new ByteArrayInputStream(new byte[10]), 100).file();
        Files.setLastModifiedTime(recentPackage, FileTime.from(RECENT.toInstant()));

        // Batches of 2: the purge must go on until nothing old is left.
        RetentionJob job = new RetentionJob(jdbc, new RetentionProperties(Duration.ofDays(90), Duration.ofDays(365),
                null, 2), leadership, packages);
        RetentionJob.Purged purged = job.purge(NOW);

        assertThat(purged).isEqualTo(new RetentionJob.Purged(2, 2, 5, 1));
        assertThat(oldPackage).doesNotExist();
        assertThat(recentPackage).exists();
        assertThat(payload("SELECT payload FROM dossier_revision WHERE dossier_code = 'RET-DONE' AND revision = 1"))
                .isEmpty();
        assertThat(payload("SELECT payload FROM dossier_revision WHERE dossier_code = 'RET-DONE' AND revision = 3"))
                .isNotEmpty();
        assertThat(payload("SELECT payload FROM dossier_revision WHERE dossier_code = 'RET-OPEN'")).isNotEmpty();
        // The revision rows stay, with their fingerprints, for duplicate detection.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dossier_revision WHERE dossier_code = 'RET-DONE'"
                + " AND content_sha256 = ?", Integer.class, "a".repeat(64))).isEqualTo(3);
        assertThat(payload("SELECT payload FROM dead_letter WHERE id = 'RET-DL-1'")).isEmpty();
        assertThat(payload("SELECT payload FROM dead_letter WHERE id = 'RET-DL-3'")).isNotEmpty();
        assertThat(payload("SELECT payload FROM dead_letter WHERE id = 'RET-DL-4'")).isNotEmpty();
        assertThat(jdbc.queryForList("SELECT event_id FROM tracking_event WHERE event_id LIKE 'RET-EV-%'",
                String.class)).containsExactly("RET-EV-KEPT");

        assertThat(job.purge(NOW)).isEqualTo(new RetentionJob.Purged(0, 0, 0, 0));
    }

    /** Other tests share this database: the seeded rows go when this test is done. */
    @AfterEach
    void removeSeededRows() {
        jdbc.update("DELETE FROM dead_letter WHERE id LIKE 'RET-DL-%'");
        jdbc.update("DELETE FROM tracking_event WHERE event_id LIKE 'RET-EV-%'");
        jdbc.update("DELETE FROM dossier_revision WHERE dossier_code LIKE 'RET-%'");
        jdbc.update("DELETE FROM dossier WHERE dossier_code LIKE 'RET-%'");
    }

    private String payload(String sql) {
        return jdbc.queryForObject(sql, String.class);
    }

    private void dossier(String code, String state) {
        jdbc.update("INSERT INTO dossier (dossier_code, procedure_code, origin_system, revision, state, received_at,"
                + " updated_at) VALUES (?, '2.000001', 'one-stop', 1, ?, ?, ?)", code, state, OLD, OLD);
    }

    private void revision(String code, int revision, OffsetDateTime receivedAt) {
        jdbc.update("INSERT INTO dossier_revision (dossier_code, revision, message_id, content_sha256, payload,"
                + " received_at) VALUES (?, ?, ?, ?, ?, ?)", code, revision, code + "-" + revision, "a".repeat(64),
                "{\"dossierCode\":\"" + code + "\"}", receivedAt);
    }

    private void deadLetter(String id, String state, OffsetDateTime resolvedAt) {
        jdbc.update("INSERT INTO dead_letter (id, message_id, system_id, flow, queue, attempts, first_failure_at,"
                + " last_failure_at, error_code, error_message, payload, state, resolved_at, correlation_id) VALUES (?, ?,"
                + " 'retention-seed', 'dossier', 'q', 1, ?, ?, 'TARGET_REJECTED', 'refused', '{}', ?, ?, 'RET-DONE')", id,
                id, OLD,
                OLD, state, resolvedAt);
    }

    private void event(String id, OffsetDateTime at) {
        jdbc.update("INSERT INTO tracking_event (event_id, at, type) VALUES (?, ?, 'RECEIVED')", id, at);
    }
}
