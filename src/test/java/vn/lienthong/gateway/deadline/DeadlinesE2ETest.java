package vn.lienthong.gateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import vn.lienthong.gateway.GatewayTestSupport;

/**
 * Deadlines on the running demo gateway: the supplement clock pause through the real status and revision
 * flow, the overdue gauge on /actuator/prometheus, and the on-time report on seeded finished dossiers.
 */
class DeadlinesE2ETest extends GatewayTestSupport {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String DPI = "dpi-business";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WorkingCalendar calendar;
    @Autowired
    Deadlines deadlines;
    @Autowired
    OverdueDossiers overdue;
    @Autowired
    MeterRegistry meters;

    /** business-single.json (procedure 2.000001, 3 working days, dpi-business only) received at {@code receivedAt}. */
    private static ObjectNode dossierReceived(Instant receivedAt) throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(sample("dossiers/business-single.json"));
        d.put("dossierCode", "DL-" + SEQ.incrementAndGet() + "-" + System.nanoTime() % 1_000_000);
        d.put("receivedAt", vn(receivedAt));
        d.put("dueAt", vn(receivedAt.plus(Duration.ofDays(5))));
        return d;
    }

    private static String vn(Instant t) {
        return t.atOffset(ZoneOffset.ofHours(7)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Instant instant(JsonNode node) {
        return OffsetDateTime.parse(node.asText()).toInstant();
    }

    /** Other tests share this database: the dossiers seeded here (not the ones that went through the flow) go. */
    @AfterEach
    void removeSeededDossiers() {
        for (String table : List.of("clock_pause", "dossier_step", "dossier")) {
            jdbc.update("DELETE FROM " + table + " WHERE dossier_code LIKE 'RPT-%' OR dossier_code LIKE 'OVD-%'"
                    + " OR dossier_code LIKE 'STEP-%'");
        }
    }

    private static JsonNode view(String code) {
        Answer answer = viewerGet("/api/v1/dossiers/" + code);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode step(JsonNode view) {
        return view.get("steps").get(0);
    }

    @Test
    void aSupplementRequestStopsTheClockAndTheNextRevisionStartsItAgain() throws Exception {
        // Received 30 days ago with 3 working days: long overdue, unless a supplement stopped the clock early.
        Instant receivedAt = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode paused = dossierReceived(receivedAt);
        ObjectNode control = dossierReceived(receivedAt);
        String code = paused.get("dossierCode").asText();
        String controlCode = control.get("dossierCode").asText();
        // The department simulator must not walk these dossiers by itself: it refuses their deliveries.
        simMode(DPI, "reject", code);
        simMode(DPI, "reject", controlCode);
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, paused.toString()).status()).isEqualTo(202);
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, control.toString()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(step(view(code)).hasNonNull("startedAt")).isTrue();
            assertThat(step(view(controlCode)).hasNonNull("startedAt")).isTrue();
        });

        // The department asked for a supplement one day after the dossier was received.
        Instant askedAt = receivedAt.plus(Duration.ofDays(1));
        String supplement = JSON.createObjectNode().put("dossierCode", code).put("system", DPI)
                .put("status", "SUPPLEMENT_REQUESTED").put("at", vn(askedAt))
                .put("note", "Thiếu bản sao điều lệ công ty").toString();
        Answer reported = postJson("/api/v1/dossiers/" + code + "/status", DPI_KEY, supplement);
        assertThat(reported.status()).as(reported.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode view = view(code);
            assertThat(view.get("state").asText()).isEqualTo("SUPPLEMENT_REQUESTED");
            assertThat(instant(view.get("clockPausedSince"))).isEqualTo(askedAt);
            assertThat(instant(step(view).get("clockPausedSince"))).isEqualTo(askedAt);
            // The clock stopped before the due date: on time, whatever the calendar says now.
            assertThat(view.get("onTime").asBoolean()).isTrue();
            assertThat(step(view).get("onTime").asBoolean()).isTrue();
            assertThat(step(view).get("clockPauses").get(0).has("to")).isFalse();
        });
        JsonNode overdueControl = view(controlCode);
        assertThat(overdueControl.get("onTime").asBoolean()).isFalse();
        assertThat(step(overdueControl).get("onTime").asBoolean()).isFalse();
        assertThat(instant(overdueControl.get("dueAt"))).isEqualTo(calendar.plusWorkingDays(receivedAt, 3));

        // The one-stop software sends revision 2 with the supplement; it goes to dpi-business and the clock runs.
        ObjectNode revision2 = paused.deepCopy();
        revision2.put("revision", 2).put("summary", "Bổ sung bản sao điều lệ công ty");
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, revision2.toString()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode view = view(code);
            assertThat(view.get("revision").asInt()).isEqualTo(2);
            assertThat(view.has("clockPausedSince")).isFalse();
            assertThat(step(view).get("clockPauses").get(0).has("to")).isTrue();
        });
        JsonNode view = view(code);
        JsonNode pause = step(view).get("clockPauses").get(0);
        Instant resumedAt = instant(pause.get("to"));
        assertThat(instant(pause.get("from"))).isEqualTo(askedAt);
        assertThat(resumedAt).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
        // The time left when the clock stopped counts from the moment the supplement reached the step.
        Duration left = Duration.ofDays(3).minus(calendar.workingTime(receivedAt, askedAt));
        assertThat(instant(view.get("dueAt"))).isEqualTo(calendar.plus(resumedAt, left));
        assertThat(instant(step(view).get("dueAt"))).isEqualTo(calendar.plus(resumedAt, left));
        assertThat(view.get("onTime").asBoolean()).isTrue();
        assertThat(view.get("dueSoon").asBoolean()).isFalse();
        assertThat(view.get("oneStopDueAt").asText()).isNotBlank();
    }

    @Test
    void theOverdueGaugeCountsOpenDossiersPastTheirDueDate() {
        long before = overdue.refresh();
        Instant now = Instant.now();
        Instant past = now.minus(Duration.ofDays(2));
        seedDossier("IN_PROGRESS", past, null, null);                   // overdue
        seedDossier("SUPPLEMENT_REQUESTED", past, null, null);          // overdue before its clock stopped
        seedDossier("IN_PROGRESS", now.plus(Duration.ofDays(1)), null, null); // not yet due
        seedDossier("SUPPLEMENT_REQUESTED", null, null, null);          // clock stopped before its due date
        seedDossier("COMPLETED", past, past, false);                    // finished late: not open any more
        seedDossier("WITHDRAWN", past, null, null);                     // withdrawn: closed

        assertThat(overdue.refresh()).isEqualTo(before + 2);
        // Test contexts do not export to Prometheus; the gauge is read from the registry that /actuator/prometheus
        // scrapes in a running gateway (OverdueDossiersTest shows the exported name).
        assertThat(meters.get("gateway.dossiers.overdue").gauge().value()).isEqualTo(before + 2.0);
    }

    private void seedDossier(String state, Instant deadlineAt, Instant finishedAt, Boolean onTime) {
        String code = "OVD-" + SEQ.incrementAndGet() + "-" + System.nanoTime() % 1_000_000;
        OffsetDateTime received = OffsetDateTime.now(ZoneOffset.UTC).minusDays(10);
        jdbc.update("INSERT INTO dossier (dossier_code, procedure_code, origin_system, receiving_agency, revision, state,"
                        + " received_at, updated_at, deadline_at, finished_at, on_time) VALUES (?, '2.000001', 'one-stop',"
                        + " '000.00.T9.H19', 1, ?, ?, ?, ?, ?, ?)", code, state, received, received,
                utc(deadlineAt), utc(finishedAt), onTime);
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    @Test
    void theOnTimeReportCountsSeededFinishedDossiersPerAgency() {
        String a = "000.00.T1.H19";
        String b = "000.00.T2.H19";
        // Procedure 2.000001 has 3 working days; 27 and 30 April and 1 May 2026 are holidays in config.
        String a1 = finished(a, "2026-04-22T09:00", "2026-04-28T08:30"); // due Tue 28 09:00 (27th off): on time
        finished(a, "2026-04-22T09:00", "2026-04-28T10:00");              // late
        finished(a, "2026-04-28T14:00", "2026-04-30T09:00");              // due Tue 5 May 14:00: on time
        finished(a, "2026-04-28T14:00", "2026-05-04T16:00");              // finished in May: not in April
        finished(b, "2026-04-06T08:00", "2026-04-09T08:00");              // exactly at the due date: on time
        finished(b, "2026-04-06T08:00", "2026-04-09T08:01");              // one minute late
        finished(b, "2026-04-06T08:00", "2026-04-10T08:00");              // late
        // Waited three working days for a supplement (Tue 7 to Fri 10), so due Tue 14 08:00: on time.
        String paused = finished(b, "2026-04-06T08:00", "2026-04-13T08:00");
        jdbc.update("INSERT INTO clock_pause (dossier_code, system_id, paused_at, resumed_at) VALUES (?, ?, ?, ?)",
                paused, DPI, OffsetDateTime.parse("2026-04-07T08:00+07:00"),
                OffsetDateTime.parse("2026-04-10T08:00+07:00"));
        deadlines.refresh(paused, Instant.now());
        // Withdrawn: never finished, never counted.
        String withdrawn = seedFinished(b, "2026-04-06T08:00", "2026-04-08T08:00", "WITHDRAWN");
        deadlines.refresh(withdrawn, Instant.now());

        JsonNode report = viewerGet("/api/v1/reports/on-time?from=2026-04-01&to=2026-05-01").json();
        assertThat(report.get("agencies")).hasSize(2);
        assertLine(report.get("agencies").get(0), a, 3, 2, 1, 0.6667);
        assertLine(report.get("agencies").get(1), b, 4, 2, 2, 0.5);
        assertLine(report.get("total"), null, 7, 4, 3, 0.5714);

        JsonNode onlyA = viewerGet("/api/v1/reports/on-time?from=2026-04-01&to=2026-05-01&agency=" + a).json();
        assertThat(onlyA.get("agencies")).hasSize(1);
        assertLine(onlyA.get("agencies").get(0), a, 3, 2, 1, 0.6667);
        JsonNode may = viewerGet("/api/v1/reports/on-time?from=2026-05-01T00:00:00%2B07:00&to=2026-06-01&agency="
                + a).json();
        assertLine(may.get("total"), null, 1, 1, 0, 1.0);

        // The dossier view agrees with the report.
        JsonNode view = view(a1);
        assertThat(instant(view.get("dueAt"))).isEqualTo(Instant.parse("2026-04-28T02:00:00Z"));
        assertThat(view.get("onTime").asBoolean()).isTrue();
        assertThat(view.has("dueSoon")).isFalse();
        assertThat(instant(view.get("finishedAt"))).isEqualTo(Instant.parse("2026-04-28T01:30:00Z"));
        assertThat(instant(view(paused).get("dueAt"))).isEqualTo(Instant.parse("2026-04-14T01:00:00Z"));
    }

    private static void assertLine(JsonNode line, String agency, int finished, int onTime, int late, double rate) {
        if (agency != null) {
            assertThat(line.get("agency").asText()).isEqualTo(agency);
        }
        assertThat(line.get("finished").asInt()).as(line.toString()).isEqualTo(finished);
        assertThat(line.get("onTime").asInt()).as(line.toString()).isEqualTo(onTime);
        assertThat(line.get("late").asInt()).as(line.toString()).isEqualTo(late);
        assertThat(line.get("onTimeRate").asDouble()).as(line.toString()).isEqualTo(rate);
    }

    /** A completed one-step dossier of procedure 2.000001; its on-time flag computed by the gateway. */
    private String finished(String agency, String received, String completed) {
        String code = seedFinished(agency, received, completed, "COMPLETED");
        deadlines.refresh(code, Instant.now());
        return code;
    }

    private String seedFinished(String agency, String received, String completed, String state) {
        String code = "RPT-" + SEQ.incrementAndGet() + "-" + System.nanoTime() % 1_000_000;
        OffsetDateTime receivedAt = OffsetDateTime.parse(received + "+07:00");
        OffsetDateTime completedAt = OffsetDateTime.parse(completed + "+07:00");
        jdbc.update("INSERT INTO dossier (dossier_code, procedure_code, origin_system, receiving_agency, revision, state,"
                + " received_at, updated_at) VALUES (?, '2.000001', 'one-stop', ?, 1, ?, ?, ?)", code, agency, state,
                receivedAt, completedAt);
        jdbc.update("INSERT INTO dossier_step (dossier_code, system_id, agency_code, state, routed_at, started_at,"
                + " completed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", code, DPI, "000.22.31.H19",
                state, receivedAt, receivedAt, "COMPLETED".equals(state) ? completedAt : null, completedAt);
        return code;
    }

    @Test
    void anOpenDossierIsFlaggedDueSoonWithinOneWorkingDayOfItsDueDate() {
        // Received Monday 6 April 2026 08:00 with 3 working days: due Thursday 9 April 08:00.
        String code = seedFinished("000.00.T3.H19", "2026-04-06T08:00", "2026-04-06T08:00", "IN_PROGRESS");
        Map<String, Object> tuesday = deadlines.view(code, Instant.parse("2026-04-07T03:00:00Z")).dossier();
        assertThat(tuesday).containsEntry("onTime", true).containsEntry("dueSoon", false);
        // Wednesday 10:00: 22 working hours left.
        Map<String, Object> wednesday = deadlines.view(code, Instant.parse("2026-04-08T03:00:00Z")).dossier();
        assertThat(wednesday).containsEntry("onTime", true).containsEntry("dueSoon", true);
        assertThat(wednesday.get("dueAt")).isEqualTo(OffsetDateTime.parse("2026-04-09T08:00+07:00"));
        Map<String, Object> thursday = deadlines.view(code, Instant.parse("2026-04-09T02:00:00Z")).dossier();
        assertThat(thursday).containsEntry("onTime", false).containsEntry("dueSoon", false);
        // Due Monday 11 May 09:00: on Friday 8 May 10:00 that is 71 hours away but only 23 working hours.
        String friday = seedFinished("000.00.T3.H19", "2026-05-06T09:00", "2026-05-06T09:00", "IN_PROGRESS");
        assertThat(deadlines.view(friday, Instant.parse("2026-05-08T03:00:00Z")).dossier())
                .containsEntry("dueAt", OffsetDateTime.parse("2026-05-11T09:00+07:00")).containsEntry("dueSoon", true);
        assertThat(deadlines.view(friday, Instant.parse("2026-05-08T01:00:00Z")).dossier())
                .containsEntry("dueSoon", false);
    }

    @Test
    void aStepWithItsOwnDaysRunsItsOwnClockFromItsStart() {
        // Procedure 1.009645: 15 working days; the board's step has 10 of its own.
        String code = "STEP-" + SEQ.incrementAndGet() + "-" + System.nanoTime() % 1_000_000;
        OffsetDateTime received = OffsetDateTime.parse("2026-04-01T09:00+07:00");
        OffsetDateTime started = OffsetDateTime.parse("2026-04-02T09:00+07:00");
        jdbc.update("INSERT INTO dossier (dossier_code, procedure_code, origin_system, receiving_agency, revision, state,"
                + " received_at, updated_at) VALUES (?, '1.009645', 'one-stop', '000.00.T4.H19', 1, 'IN_PROGRESS', ?, ?)",
                code, received, received);
        jdbc.update("INSERT INTO dossier_step (dossier_code, system_id, state, routed_at, started_at, updated_at)"
                + " VALUES (?, 'izb-investment', 'IN_PROGRESS', ?, ?, ?)", code, started, started, started);
        jdbc.update("INSERT INTO dossier_step (dossier_code, system_id, after_system, state, updated_at)"
                + " VALUES (?, 'dpi-business', 'izb-investment', 'PENDING', ?)", code, started);

        DeadlineView view = deadlines.view(code, Instant.parse("2026-04-10T00:00:00Z"));
        // 10 working days from Thursday 2 April 09:00 (its start, not the dossier's), two weekends skipped: 16 April.
        assertThat(view.step("izb-investment")).containsEntry("dueAt", OffsetDateTime.parse("2026-04-16T09:00+07:00"))
                .containsEntry("onTime", true);
        // 15 working days from Wednesday 1 April 09:00: 22 April.
        assertThat(view.dossier()).containsEntry("dueAt", OffsetDateTime.parse("2026-04-22T09:00+07:00"));
        // A step not routed yet has no clock.
        assertThat(view.step("dpi-business")).doesNotContainKey("dueAt").containsEntry("clockPauses", List.of());
    }

    @Test
    void theReportRefusesAMissingOrBackwardPeriodNamingTheParameter() {
        Answer missing = viewerGet("/api/v1/reports/on-time?to=2026-05-01");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().get("errors").findValuesAsText("pointer")).containsExactly("/from");

        Answer backward = viewerGet("/api/v1/reports/on-time?from=2026-05-01&to=2026-04-01");
        assertThat(backward.status()).isEqualTo(400);
        assertThat(backward.json().get("errors").findValuesAsText("pointer")).containsExactly("/to");

        Answer unreadable = viewerGet("/api/v1/reports/on-time?from=April&to=2026-05-01&agency=");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.json().get("errors").findValuesAsText("pointer")).containsExactly("/from", "/agency");

        assertThat(get("/api/v1/reports/on-time?from=2026-04-01&to=2026-05-01", null, null).status()).isEqualTo(401);
    }
}
