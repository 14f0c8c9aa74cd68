package vn.lienthong.gateway.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.TestDatabase;

/**
 * How fast the console answers where operators wait, with a million tracking events in the store
 * ({@code ./mvnw -B -Pbench verify -Dit.test=ConsoleQueryBenchmark}, add {@code -Dgateway.test.db=postgres} for
 * PostgreSQL): seeds a month of history with batched JDBC inserts, then times, over HTTP as an operator's browser
 * asks, the overview's live part, the whole overview page, a message search by dossier code and the dossier page.
 * Prints the figures and writes them to {@code target/console-benchmark-figures.txt}. Not part of the normal run.
 */
class ConsoleQueryBenchmark extends GatewayTestSupport {

    private static final int EVENTS = Integer.getInteger("benchmark.events", 1_000_000);
    private static final int RUNS = Integer.getInteger("benchmark.runs", 50);
    private static final int DAYS = 30;
    /**
     * Events one dossier leaves, about: intake (2), delivery (2), two statuses (2), two callbacks (4) and the portal
     * sync (1), fewer while it is open; one dossier per 10 events makes a little more than the events asked for.
     */
    private static final int EVENTS_PER_DOSSIER = 10;
    private static final int BATCH = 5_000;

    @Autowired
    DataSource dataSource;

    @Test
    void overviewAndDossierSearchWithAMillionEvents() throws Exception {
        int dossiers = EVENTS / EVENTS_PER_DOSSIER;
        long seedStart = System.nanoTime();
        List<String> codes = seed(dossiers);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        long events = count("tracking_event");
        long messages = count("message");
        assertThat(events).isGreaterThanOrEqualTo(EVENTS);
        System.out.printf(Locale.ROOT, "seeded %,d events and %,d messages in %.0f s%n", events, messages, seedSeconds);

        Random random = new Random(42);
        List<String> lines = new ArrayList<>();
        String db = !TestDatabase.POSTGRES ? "H2 (file, as in the demo)" : "PostgreSQL " + serverVersion()
                + (TestDatabase.embedded() ? " (embedded, default settings)" : " (" + TestDatabase.url() + ")");
        lines.add(String.format(Locale.ROOT, "CONSOLE BENCHMARK %s; %,d tracking events, %,d messages, %,d dossiers"
                + " over %d days (seeded in %.0f s); %d runs each after 10 warm-up; %d cores, Java %s", db, events,
                messages, dossiers, DAYS, seedSeconds, RUNS, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        lines.add(time("overview, live part (GET /console/overview/live)", () -> "/console/overview/live"));
        lines.add(time("overview, whole page (GET /console/)", () -> "/console/"));
        lines.add(time("search by dossier code (GET /console/messages?dossierCode=)",
                () -> "/console/messages?dossierCode=" + codes.get(random.nextInt(codes.size()))));
        lines.add(time("dossier page (GET /console/dossiers/{code})",
                () -> "/console/dossiers/" + codes.get(random.nextInt(codes.size()))));
        lines.add(time("messages, newest first (GET /console/messages)", () -> "/console/messages"));
        lines.add(time("systems (GET /console/systems)", () -> "/console/systems"));
        String figures = String.join(System.lineSeparator(), lines);
        System.out.println(figures);
        Files.writeString(Path.of("target", "console-benchmark-figures.txt"), figures + System.lineSeparator());
    }

    /** Times {@link #RUNS} GETs of the path {@code next} gives, as the viewer, after 10 not counted. */
    private static String time(String what, java.util.function.Supplier<String> next) {
        for (int i = 0; i < 10; i++) {
            assertThat(viewerGet(next.get()).status()).isEqualTo(200);
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            String path = next.get();
            long t0 = System.nanoTime();
            Answer answer = viewerGet(path);
            millis[i] = (System.nanoTime() - t0) / 1e6;
            assertThat(answer.status()).as(path).isEqualTo(200);
        }
        Arrays.sort(millis);
        String line = String.format(Locale.ROOT, "%-62s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms", what,
                millis[RUNS / 2], millis[(int) Math.ceil(RUNS * 0.95) - 1], millis[RUNS - 1]);
        System.out.println(line); // as it comes: a later page that times out does not hide the earlier figures
        return line;
    }

    private String serverVersion() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    private long count(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A month of one-department dossiers (procedure 2.000001 to dpi-business), spread evenly, each with its messages,
     * hops, step and revision as the gateway would have stored them; one in 400 ends as a dead letter.
     * Returns the dossier codes.
     */
    private List<String> seed(int dossiers) throws SQLException {
        List<String> codes = new ArrayList<>(dossiers);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long span = Duration.ofDays(DAYS).toSeconds();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement event = c.prepareStatement("INSERT INTO tracking_event (event_id, at, type, flow,"
                    + " system_id, message_id, correlation_id, attempt, payload_sha256, detail) VALUES (?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?)");
                 PreparedStatement message = c.prepareStatement("INSERT INTO message (message_id, flow, system_id,"
                         + " correlation_id, state, attempts, last_detail, created_at, updated_at) VALUES (?, ?, ?, ?, ?,"
                         + " ?, ?, ?, ?)");
                 PreparedStatement dossier = c.prepareStatement("INSERT INTO dossier (dossier_code, procedure_code,"
                         + " origin_system, receiving_agency, revision, state, received_at, due_at, updated_at,"
                         + " deadline_at, finished_at, on_time) VALUES (?, '2.000001', 'one-stop', '000.22.31.H19', 1, ?,"
                         + " ?, ?, ?, ?, ?, ?)");
                 PreparedStatement step = c.prepareStatement("INSERT INTO dossier_step (dossier_code, system_id,"
                         + " agency_code, state, message_id, routed_at, delivered_at, completed_at, updated_at,"
                         + " started_at) VALUES (?, 'dpi-business', '000.22.31.H19', ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement revision = c.prepareStatement("INSERT INTO dossier_revision (dossier_code, revision,"
                         + " message_id, content_sha256, payload, received_at) VALUES (?, 1, ?, ?, ?, ?)");
                 PreparedStatement dead = c.prepareStatement("INSERT INTO dead_letter (id, message_id, correlation_id,"
                         + " system_id, flow, queue, attempts, first_failure_at, last_failure_at, error_code,"
                         + " error_message, payload, state) VALUES (?, ?, ?, 'dpi-business', 'dossier',"
                         + " 'gateway.delivery.dpi-business', 1, ?, ?, 'TARGET_REJECTED', 'HTTP 422: refused', ?, 'DEAD')")) {
                Seeder s = new Seeder(event, message);
                for (int i = 0; i < dossiers; i++) {
                    String code = String.format(Locale.ROOT, "BENCH.%02d-%06d", i % 100, i);
                    codes.add(code);
                    OffsetDateTime at = now.minusSeconds(span - span * i / dossiers);
                    boolean failed = i % 400 == 7;
                    boolean open = at.isAfter(now.minusDays(2));
                    String intake = id();
                    String delivery = id();
                    s.message(intake, "dossier", "one-stop", code, "ROUTED", at, at.plusSeconds(1));
                    s.event(at, "RECEIVED", "dossier", "one-stop", intake, code, null, null);
                    s.event(at.plusSeconds(1), "ROUTED", "dossier", "one-stop", intake, code, null, null);
                    s.event(at.plusSeconds(2), "DELIVERING", "dossier", "dpi-business", delivery, code, 1, null);
                    if (failed) {
                        s.message(delivery, "dossier", "dpi-business", code, "DEAD_LETTERED", at.plusSeconds(2),
                                at.plusSeconds(3));
                        s.event(at.plusSeconds(3), "DEAD_LETTERED", "dossier", "dpi-business", delivery, code, 1,
                                "TARGET_REJECTED: HTTP 422");
                        dead.setString(1, id());
                        dead.setString(2, delivery);
                        dead.setString(3, code);
                        dead.setObject(4, at.plusSeconds(3));
                        dead.setObject(5, at.plusSeconds(3));
                        dead.setString(6, payload(code));
                        dead.addBatch();
                    } else {
                        s.message(delivery, "dossier", "dpi-business", code, "DELIVERED", at.plusSeconds(2),
                                at.plusSeconds(3));
                        s.event(at.plusSeconds(3), "DELIVERED", "dossier", "dpi-business", delivery, code, 1, null);
                        for (String status : open ? List.of("IN_PROGRESS") : List.of("IN_PROGRESS", "COMPLETED")) {
                            OffsetDateTime t = at.plusMinutes("COMPLETED".equals(status) ? 90 : 5);
                            String report = id();
                            String callback = id();
                            s.message(report, "status", "dpi-business", code, "RECEIVED", t, t);
                            s.event(t, "STATUS_RECEIVED", "status", "dpi-business", report, code, null, status);
                            s.message(callback, "callback", "one-stop", code, "DELIVERED", t, t.plusSeconds(1));
                            s.event(t, "DELIVERING", "callback", "one-stop", callback, code, 1, null);
                            s.event(t.plusSeconds(1), "CALLBACK_SENT", "callback", "one-stop", callback, code, 1, status);
                        }
                    }
                    String sync = id();
                    s.message(sync, "portal-sync", "national-portal", code, "DELIVERED", at.plusSeconds(2),
                            at.plusSeconds(4));
                    s.event(at.plusSeconds(4), "DELIVERED", "portal-sync", "national-portal", sync, code, 1, null);
                    boolean finished = !failed && !open;
                    dossier.setString(1, code);
                    dossier.setString(2, failed ? "IN_PROGRESS" : finished ? "COMPLETED" : "IN_PROGRESS");
                    dossier.setObject(3, at);
                    dossier.setObject(4, at.plusDays(5));
                    dossier.setObject(5, at.plusMinutes(90));
                    dossier.setObject(6, at.plusDays(3));
                    dossier.setObject(7, finished ? at.plusMinutes(90) : null);
                    dossier.setObject(8, finished ? Boolean.TRUE : null, java.sql.Types.BOOLEAN);
                    dossier.addBatch();
                    step.setString(1, code);
                    step.setString(2, failed ? "DEAD_LETTERED" : finished ? "COMPLETED" : "IN_PROGRESS");
                    step.setString(3, delivery);
                    step.setObject(4, at.plusSeconds(1));
                    step.setObject(5, failed ? null : at.plusSeconds(3));
                    step.setObject(6, finished ? at.plusMinutes(90) : null);
                    step.setObject(7, at.plusMinutes(90));
                    step.setObject(8, at.plusSeconds(1));
                    step.addBatch();
                    revision.setString(1, code);
                    revision.setString(2, intake);
                    revision.setString(3, "0".repeat(64));
                    revision.setString(4, payload(code));
                    revision.setObject(5, at);
                    revision.addBatch();
                    if (i % 1000 == 999) {
                        dossier.executeBatch();
                        step.executeBatch();
                        revision.executeBatch();
                        dead.executeBatch();
                    }
                    s.flushIfFull(c);
                }
                dossier.executeBatch();
                step.executeBatch();
                revision.executeBatch();
                dead.executeBatch();
                s.flush();
                c.commit();
            }
        }
        if (TestDatabase.POSTGRES) {
            try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
                s.execute("ANALYZE");   // as autovacuum would soon after a load like this
            }
        }
        return codes;
    }

    private static String payload(String code) {
        return "{\"dossierCode\":\"" + code + "\",\"revision\":1,\"procedureCode\":\"2.000001\",\"receivingAgency\":"
                + "\"000.22.31.H19\",\"applicant\":{\"type\":\"CITIZEN\",\"name\":\"Nguyễn Văn A\",\"idNumber\":"
                + "\"075190001234\",\"phone\":\"0918535758\"},\"summary\":\"Thay đổi địa chỉ trụ sở chính\"}";
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    /** Batches of events and messages, executed every {@link #BATCH} events and committed every ten batches. */
    private static final class Seeder {

        private final PreparedStatement event;
        private final PreparedStatement message;
        private int pending;
        private int batches;

        Seeder(PreparedStatement event, PreparedStatement message) {
            this.event = event;
            this.message = message;
        }

        void event(OffsetDateTime at, String type, String flow, String system, String messageId, String code,
                   Integer attempt, String detail) throws SQLException {
            event.setString(1, id());
            event.setObject(2, at);
            event.setString(3, type);
            event.setString(4, flow);
            event.setString(5, system);
            event.setString(6, messageId);
            event.setString(7, code);
            event.setObject(8, attempt, java.sql.Types.INTEGER);
            event.setString(9, null);
            event.setString(10, detail);
            event.addBatch();
            pending++;
        }

        void message(String id, String flow, String system, String code, String state, OffsetDateTime created,
                     OffsetDateTime updated) throws SQLException {
            message.setString(1, id);
            message.setString(2, flow);
            message.setString(3, system);
            message.setString(4, code);
            message.setString(5, state);
            message.setInt(6, 1);
            message.setString(7, null);
            message.setObject(8, created);
            message.setObject(9, updated);
            message.addBatch();
        }

        void flushIfFull(Connection c) throws SQLException {
            if (pending >= BATCH) {
                flush();
                if (++batches % 10 == 0) {
                    c.commit();
                }
            }
        }

        void flush() throws SQLException {
            event.executeBatch();
            message.executeBatch();
            pending = 0;
        }
    }
}
