package vn.lienthong.gateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import vn.lienthong.gateway.catalog.WorkDuration;

/**
 * Deadlines on the running demo gateway: the appointment as the due date (README sample, a revision that moves
 * it), the gateway's office-hour computation beside it, the supplement clock pause through the real status and
 * revision flow, the overdue gauge, and the on-time report on seeded finished dossiers.
 */
class DeadlinesE2ETest extends GatewayTestSupport {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String DPI = "dpi-business";
    private static final WorkDuration THREE_DAYS = WorkDuration.days("3");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WorkingCalendars calendars;
    @Autowired
    Deadlines deadlines;
    @Autowired
    OverdueDossiers overdue;
    @Autowired
    MeterRegistry meters;

    /**
     * business-single.json (procedure 2.000001, 3 working days, dpi-business only) received at {@code receivedAt},
     * with the appointment {@code appointment} (none when null).
     */
    private static ObjectNode dossierReceived(Instant receivedAt, Instant appointment) throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(sample("dossiers/business-single.json"));
        d.put("dossierCode", "DL-" + SEQ.incrementAndGet() + "-" + System.nanoTime() % 1_000_000);
        d.put("receivedAt", vn(receivedAt));
        if (appointment == null) {
            d.remove("dueAt");
        } else {
            d.put("dueAt", vn(appointment));
        }
        return d;
    }

    /** ISO-8601 in Vietnam time, always with seconds (the schema's date-time wants them, even when zero). */
    private static String vn(Instant t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(ZoneOffset.ofHours(7))
                .truncatedTo(ChronoUnit.SECONDS));
    }

    private static Instant instant(JsonNode node) {
        return OffsetDateTime.parse(node.asText()).toInstant();
    }

    private static Instant local(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+07:00").toInstant();
    }

    /** Other tests share this database: the dossiers seeded here (not the ones that went through the flow) go. */
    @AfterEach
    void removeSeededDossiers() {
        for (String table : List.of("clock_pause", "dossier_appointment", "dossier_step", "dossier")) {
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
    void theReadmeSampleIsDueByItsAppointmentAndItsStepAtTheCloseOfItsThirdWorkingDay() {
        // The README tour's first call, as it is (a 200 duplicate when another test filed it first).
        Answer filed = postJson("/api/v1/dossiers", ONE_STOP_KEY, sample("dossiers/business-single.json"));
        assertThat(filed.status()).as(filed.body()).isIn(200, 202);
        String code = "H19.22-261121-0042";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(view(code).get("state").asText()).isEqualTo("COMPLETED"));

        JsonNode view = view(code);
        // The legal due date is the one-stop software's appointment (NgayHenTra), Thursday 26/11/2026 17:00.
        assertThat(view.get("dueAt").asText()).isEqualTo("2026-11-26T17:00:00+07:00");
        assertThat(view.get("dueAtSource").asText()).isEqualTo("APPOINTMENT");
        assertThat(view.get("oneStopDueAt").asText()).isEqualTo("2026-11-26T17:00:00+07:00");
        assertThat(view.get("appointments")).hasSize(1);
        assertThat(view.get("appointments").get(0).get("revision").asInt()).isEqualTo(1);
        // Beside it, the gateway's own: received Saturday 21/11 09:40, so the clock starts Monday 07:30 and three
        // working days end at the close of office on Wednesday 25/11 (24/11 is not a holiday in the calendar).
        assertThat(view.get("gatewayDueAt").asText()).isEqualTo("2026-11-25T17:00:00+07:00");
        // The step has no days of its own: it shares the dossier's time, in office hours.
        assertThat(step(view).get("dueAt").asText()).isEqualTo("2026-11-25T17:00:00+07:00");
        // Finished when the department reported COMPLETED, and classified against the appointment as the index does.
        Instant finishedAt = instant(view.get("finishedAt"));
        Timeliness expected = Timeliness.of(finishedAt, local("2026-11-26T17:00"), calendars.zone());
        assertThat(view.get("timeliness").asText()).isEqualTo(expected.name());
        assertThat(view.get("onTime").asBoolean()).isEqualTo(expected.onTime());
        assertThat(instant(step(view).get("finishedAt"))).isEqualTo(finishedAt);
    }

    @Test
    void aRevisionWithANewAppointmentMovesTheDueDateAndTheOnTimeFlag() throws Exception {
        // Received 30 days ago; its appointment passed 25 days ago: open and late.
        Instant receivedAt = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode revision1 = dossierReceived(receivedAt, receivedAt.plus(Duration.ofDays(5)));
        String code = revision1.get("dossierCode").asText();
        simMode(DPI, "reject", code);   // the department simulator must not finish it by itself
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, revision1.toString()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(step(view(code)).hasNonNull("startedAt")).isTrue());
        JsonNode late = view(code);
        assertThat(instant(late.get("dueAt"))).isEqualTo(receivedAt.plus(Duration.ofDays(5)));
        assertThat(late.get("onTime").asBoolean()).isFalse();

        // The agency extends the time with an apology letter: revision 2 carries a new appointment, no supplement.
        Instant extended = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode revision2 = revision1.deepCopy();
        revision2.put("revision", 2).put("dueAt", vn(extended)).put("summary", "Gia hạn, kèm thư xin lỗi");
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, revision2.toString()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode view = view(code);
            assertThat(instant(view.get("dueAt"))).isEqualTo(extended);
            assertThat(view.get("onTime").asBoolean()).isTrue();
            assertThat(view.get("events").findValuesAsText("detail")).anySatisfy(detail ->
                    assertThat(detail).contains("revision 2 not routed").contains("is the dossier's due date now"));
        });
        JsonNode view = view(code);
        assertThat(view.get("appointments").findValuesAsText("revision")).containsExactly("1", "2");
        assertThat(instant(view.get("appointments").get(0).get("dueAt"))).isEqualTo(receivedAt.plus(Duration.ofDays(5)));
        assertThat(instant(view.get("oneStopDueAt"))).isEqualTo(extended);
        // The gateway's own computation does not move with it; nothing went to the department again.
        assertThat(instant(view.get("gatewayDueAt"))).isEqualTo(calendars.standard().due(receivedAt, THREE_DAYS));
        assertThat(view.get("revision").asInt()).isEqualTo(1);
        // The overdue gauge reads the stored due date: the new appointment.
        assertThat(jdbc.queryForObject("SELECT deadline_at FROM dossier WHERE dossier_code = ?",
                OffsetDateTime.class, code).toInstant()).isEqualTo(extended);
        // The national portal hears of the new appointment (NgayHenTra) through the sync call.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode calls = get("/sim/portal/received?dossierCode=" + code, null, null).json();
            List<JsonNode> syncs = calls.findParents("service").stream()
                    .filter(c -> "DongBoHoSoMC".equals(c.get("service").asText())).toList();
            assertThat(syncs).hasSize(2);
            assertThat(syncs.get(1).get("data").get(0).get("NgayHenTra").asText())
                    .isEqualTo(extended.atOffset(ZoneOffset.ofHours(7)).format(DateTimeFormatter.ofPattern(
                            "yyyyMMddHHmmss")));
        });
    }

    @Test
    void aDossierWithoutAnAppointmentIsDueByTheGatewaysComputation() throws Exception {
        Instant receivedAt = local("2026-11-23T14:00");
        ObjectNode d = dossierReceived(receivedAt, null);
        String code = d.get("dossierCode").asText();
        simMode(DPI, "reject", code);
        Answer filed = postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString());
        assertThat(filed.status()).as(filed.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(step(view(code)).hasNonNull("startedAt")).isTrue());
        JsonNode view = view(code);
        // Monday 14:00 + 24 office hours: 3 on Monday, 8 on Tuesday and on Wednesday, 5 on Thursday: 26/11 14:00.
        assertThat(view.get("dueAt").asText()).isEqualTo("2026-11-26T14:00:00+07:00");
        assertThat(view.get("dueAtSource").asText()).isEqualTo("GATEWAY");
        assertThat(view.get("gatewayDueAt").asText()).isEqualTo("2026-11-26T14:00:00+07:00");
        assertThat(view.has("oneStopDueAt")).isFalse();
        assertThat(view.get("appointments")).isEmpty();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("/sim/portal/received?dossierCode="
                + code, null, null).json().findValuesAsText("NgayHenTra")).containsExactly("20261126140000"));
    }

    @Test
    void aSupplementRequestStopsTheClockAndTheNextRevisionStartsItAgain() throws Exception {
        // Received 30 days ago with 3 working days: long overdue, unless a supplement stopped the clock early.
        Instant receivedAt = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        Instant appointment = receivedAt.plus(Duration.ofDays(5));
        ObjectNode paused = dossierReceived(receivedAt, appointment);
        ObjectNode control = dossierReceived(receivedAt, appointment);
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
            // The clock stopped before the appointment: on time, whatever the calendar says now.
            assertThat(view.get("onTime").asBoolean()).isTrue();
            assertThat(step(view).get("onTime").asBoolean()).isTrue();
            assertThat(step(view).get("clockPauses").get(0).has("to")).isFalse();
            assertThat(view.get("clockPauses").get(0).has("to")).isFalse();
        });
        WorkingCalendar calendar = calendars.standard();
        JsonNode overdueControl = view(controlCode);
        assertThat(overdueControl.get("onTime").asBoolean()).isFalse();
        assertThat(step(overdueControl).get("onTime").asBoolean()).isFalse();
        assertThat(instant(overdueControl.get("dueAt"))).isEqualTo(appointment);
        assertThat(instant(overdueControl.get("gatewayDueAt"))).isEqualTo(calendar.due(receivedAt, THREE_DAYS));

        // The one-stop software sends revision 2 with the supplement and the new appointment it gave the applicant;
        // it goes to dpi-business, whose clock runs again.
        Instant newAppointment = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode revision2 = paused.deepCopy();
        revision2.put("revision", 2).put("summary", "Bổ sung bản sao điều lệ công ty").put("dueAt", vn(newAppointment));
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
        // The gateway's clock: the office time left when it stopped counts from the supplement's arrival.
        Duration left = THREE_DAYS.workingTime(calendar.dayLength()).minus(calendar.workingTime(receivedAt, askedAt));
        assertThat(instant(view.get("gatewayDueAt"))).isEqualTo(calendar.plus(resumedAt, left));
        assertThat(instant(step(view).get("dueAt"))).isEqualTo(calendar.plus(resumedAt, left));
        // The legal due date is the new appointment.
        assertThat(instant(view.get("dueAt"))).isEqualTo(newAppointment);
        assertThat(view.get("onTime").asBoolean()).isTrue();
        assertThat(view.get("dueSoon").asBoolean()).isFalse();
        assertThat(view.get("appointments")).hasSize(2);
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
    void theOnTimeReportCountsSeededFinishedDossiersEarlyOnTimeAndLatePerAgency() {
        String a = "000.00.T1.H19";
        String b = "000.00.T2.H19";
        // Agency A's dossiers carry the appointment Tuesday 28 April 2026 17:00 (procedure 2.000001, 3 days).
        String early = finished(a, "2026-04-23T09:00", "2026-04-28T17:00", "2026-04-24T10:00", "COMPLETED");
        finished(a, "2026-04-23T09:00", "2026-04-28T17:00", "2026-04-28T08:30", "COMPLETED"); // the due day: on time
        finished(a, "2026-04-23T09:00", "2026-04-28T17:00", "2026-04-28T17:01", "COMPLETED"); // late
        finished(a, "2026-04-23T09:00", "2026-04-28T17:00", "2026-04-28T16:00", "STOPPED");   // stopped, on time
        finished(a, "2026-04-23T09:00", "2026-04-28T17:00", "2026-05-04T16:00", "COMPLETED"); // in May, not April
        // Agency B's carry none: the gateway's own due date, Monday 6 April 08:00 + 3 days = Thursday 9 April 08:00.
        finished(b, "2026-04-06T08:00", null, "2026-04-08T16:00", "COMPLETED");             // the day before: early
        String onTime = finished(b, "2026-04-06T08:00", null, "2026-04-09T08:00", "COMPLETED"); // at the due time
        finished(b, "2026-04-06T08:00", null, "2026-04-09T08:01", "COMPLETED");             // one minute late
        finished(b, "2026-04-06T08:00", null, "2026-04-10T09:00", "STOPPED");               // stopped late
        finished(b, "2026-04-06T08:00", null, "2026-04-08T08:00", "WITHDRAWN");             // withdrawn: not counted
        // Waited three working days for a supplement (Tue 7 to Fri 10): due Tuesday 14 April 08:00, so early.
        String paused = seedFinished(b, "2026-04-06T08:00", null, "2026-04-13T08:00", "COMPLETED");
        jdbc.update("INSERT INTO clock_pause (dossier_code, system_id, paused_at, resumed_at) VALUES (?, ?, ?, ?)",
                paused, DPI, OffsetDateTime.parse("2026-04-07T08:00+07:00"),
                OffsetDateTime.parse("2026-04-10T08:00+07:00"));
        deadlines.refresh(paused, Instant.now());

        JsonNode report = viewerGet("/api/v1/reports/on-time?from=2026-04-01&to=2026-05-01").json();
        assertThat(report.get("agencies")).hasSize(2);
        assertLine(report.get("agencies").get(0), a, 1, 2, 1, 0.75);
        assertLine(report.get("agencies").get(1), b, 2, 1, 2, 0.6);
        assertLine(report.get("total"), null, 3, 3, 3, 0.6667);

        JsonNode onlyA = viewerGet("/api/v1/reports/on-time?from=2026-04-01&to=2026-05-01&agency=" + a).json();
        assertThat(onlyA.get("agencies")).hasSize(1);
        assertLine(onlyA.get("agencies").get(0), a, 1, 2, 1, 0.75);
        JsonNode may = viewerGet("/api/v1/reports/on-time?from=2026-05-01T00:00:00%2B07:00&to=2026-06-01&agency="
                + a).json();
        assertLine(may.get("total"), null, 0, 0, 1, 0.0);

        // The same counts as CSV, for a spreadsheet.
        Answer csv = viewerGet("/api/v1/reports/on-time.csv?from=2026-04-01&to=2026-05-01");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).isEqualTo("agency,finished,early,onTime,late,onTimeRate\r\n"
                + a + ",4,1,2,1,0.75\r\n" + b + ",5,2,1,2,0.6\r\n" + "TOTAL,9,3,3,3,0.6667\r\n");

        // The dossier view agrees with the report.
        JsonNode view = view(early);
        assertThat(view.get("dueAt").asText()).isEqualTo("2026-04-28T17:00:00+07:00");
        assertThat(view.get("timeliness").asText()).isEqualTo("EARLY");
        assertThat(view.get("onTime").asBoolean()).isTrue();
        assertThat(view.has("dueSoon")).isFalse();
        assertThat(view.get("finishedAt").asText()).isEqualTo("2026-04-24T10:00:00+07:00");
        assertThat(view(onTime).get("dueAt").asText()).isEqualTo("2026-04-09T08:00:00+07:00");
        assertThat(view(onTime).get("timeliness").asText()).isEqualTo("ON_TIME");
        assertThat(view(paused).get("dueAt").asText()).isEqualTo("2026-04-14T08:00:00+07:00");
        assertThat(view(paused).get("timeliness").asText()).isEqualTo("EARLY");
    }

    private static void assertLine(JsonNode line, String agency, int early, int onTime, int late, double rate) {
        if (agency != null) {
            assertThat(line.get("agency").asText()).isEqualTo(agency);
        }
        assertThat(line.get("finished").asInt()).as(line.toString()).isEqualTo(early + onTime + late);
        assertThat(line.get("early").asInt()).as(line.toString()).isEqualTo(early);
        assertThat(line.get("onTime").asInt()).as(line.toString()).isEqualTo(onTime);
        assertThat(line.get("late").asInt()).as(line.toString()).isEqualTo(late);
        assertThat(line.get("onTimeRate").asDouble()).as(line.toString()).isEqualTo(rate);
    }

    /** A one-step dossier of procedure 2.000001 that ended with {@code state}; its outcome computed by the gateway. */
    private String finished(String agency, String received, String appointment, String ended, String state) {
        String code = seedFinished(agency, received, appointment, ended, state);
        deadlines.refresh(code, Instant.now());
        return code;
    }

    private String seedFinished(String agency, String received, String appointment, String ended, String state) {
        String code = "RPT-" + SEQ.incrementAndGet() + "-" + System.nanoTime() % 1_000_000;
        OffsetDateTime receivedAt = OffsetDateTime.parse(received + "+07:00");
        OffsetDateTime endedAt = OffsetDateTime.parse(ended + "+07:00");
        jdbc.update("INSERT INTO dossier (dossier_code, procedure_code, origin_system, receiving_agency, revision, state,"
                + " received_at, due_at, updated_at) VALUES (?, '2.000001', 'one-stop', ?, 1, ?, ?, ?, ?)", code, agency,
                state, receivedAt, appointment == null ? null : OffsetDateTime.parse(appointment + "+07:00"), endedAt);
        boolean finishes = List.of("COMPLETED", "RESULT_RETURNED", "STOPPED").contains(state);
        jdbc.update("INSERT INTO dossier_step (dossier_code, system_id, agency_code, state, routed_at, started_at,"
                + " completed_at, finished_at, finished_status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", code,
                DPI, "000.22.31.H19", state, receivedAt, receivedAt, "COMPLETED".equals(state) ? endedAt : null,
                finishes ? endedAt : null, finishes ? state : null, endedAt);
        return code;
    }

    @Test
    void anOpenDossierIsFlaggedDueSoonWithinOneWorkingDayOfOfficeTime() {
        // Received Monday 6 April 2026 08:00 with 3 working days and no appointment: due Thursday 9 April 08:00.
        String code = seedFinished("000.00.T3.H19", "2026-04-06T08:00", null, "2026-04-06T08:00", "IN_PROGRESS");
        // Tuesday 10:00: 14 office hours left.
        Map<String, Object> tuesday = deadlines.view(code, local("2026-04-07T10:00")).dossier();
        assertThat(tuesday).containsEntry("onTime", true).containsEntry("dueSoon", false);
        // Wednesday 10:00: 6 office hours left, less than a working day.
        Map<String, Object> wednesday = deadlines.view(code, local("2026-04-08T10:00")).dossier();
        assertThat(wednesday).containsEntry("onTime", true).containsEntry("dueSoon", true);
        assertThat(wednesday.get("dueAt")).isEqualTo(OffsetDateTime.parse("2026-04-09T08:00+07:00"));
        Map<String, Object> thursday = deadlines.view(code, local("2026-04-09T09:00")).dossier();
        assertThat(thursday).containsEntry("onTime", false).containsEntry("dueSoon", false);
        // Due Monday 11 May 09:00: on Friday 8 May 10:00 that is 71 hours away but 7 office hours.
        String friday = seedFinished("000.00.T3.H19", "2026-05-06T09:00", null, "2026-05-06T09:00", "IN_PROGRESS");
        assertThat(deadlines.view(friday, local("2026-05-08T10:00")).dossier())
                .containsEntry("dueAt", OffsetDateTime.parse("2026-05-11T09:00+07:00")).containsEntry("dueSoon", true);
        assertThat(deadlines.view(friday, local("2026-05-08T08:00")).dossier()).containsEntry("dueSoon", false);
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

        Answer csv = viewerGet("/api/v1/reports/on-time.csv?from=2026-05-01");
        assertThat(csv.status()).isEqualTo(400);
        assertThat(csv.contentType()).startsWith("application/problem+json");
        assertThat(csv.json().get("errors").findValuesAsText("pointer")).containsExactly("/to");

        assertThat(get("/api/v1/reports/on-time?from=2026-04-01&to=2026-05-01", null, null).status()).isEqualTo(401);
    }
}
