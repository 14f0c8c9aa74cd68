package vn.lienthong.gateway.deadline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;

/**
 * The on-time report (tỷ lệ giải quyết đúng hạn) as the national index counts it: per receiving agency, the
 * dossiers that finished in {@code [from, to)}, how many early, on time and late, and the on-time rate (early and
 * on time over finished). {@code GET /api/v1/reports/on-time} answers JSON, {@code GET /api/v1/reports/on-time.csv}
 * the same lines as CSV. {@code from} and {@code to} are ISO dates (midnight in the calendar's zone) or date-times
 * with an offset.
 */
@RestController
public class OnTimeReportController {

    private static final int MAX_AGENCY_LENGTH = 50;
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final DeadlineStore store;
    private final WorkingCalendars calendars;

    public OnTimeReportController(DeadlineStore store, WorkingCalendars calendars) {
        this.store = store;
        this.calendars = calendars;
    }

    /** One line of the report: an agency's counts, or the total (agency null). */
    private record Line(String agency, long early, long onTime, long late) {

        long finished() {
            return early + onTime + late;
        }

        /** Early and on time over finished, four decimals (0.9615 reads as 96.15 %); null with none finished. */
        Double onTimeRate() {
            return finished() == 0 ? null : Math.round((early + onTime) * 10_000.0 / finished()) / 10_000.0;
        }

        Map<String, Object> json() {
            Map<String, Object> line = new LinkedHashMap<>();
            if (agency != null) {
                line.put("agency", agency);
            }
            line.put("finished", finished());
            line.put("early", early);
            line.put("onTime", onTime);
            line.put("late", late);
            line.put("onTimeRate", onTimeRate());
            return line;
        }
    }

    @GetMapping("/api/v1/reports/on-time")
    public Map<String, Object> onTime(@RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String agency) {
        Period period = period(from, to, agency);
        List<Line> lines = lines(period, agency);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("from", OffsetDateTime.ofInstant(period.from(), calendars.zone()));
        report.put("to", OffsetDateTime.ofInstant(period.to(), calendars.zone()));
        report.put("agency", agency);
        report.put("agencies", lines.subList(0, lines.size() - 1).stream().map(Line::json).toList());
        report.put("total", lines.get(lines.size() - 1).json());
        return report;
    }

    /** The same report as CSV (RFC 4180, UTF-8), one line per agency and a last line {@code TOTAL}. */
    @GetMapping("/api/v1/reports/on-time.csv")
    public ResponseEntity<String> onTimeCsv(@RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to,
                                            @RequestParam(required = false) String agency) {
        Period period = period(from, to, agency);
        StringBuilder csv = new StringBuilder("agency,finished,early,onTime,late,onTimeRate\r\n");
        for (Line line : lines(period, agency)) {
            csv.append(csvField(line.agency() == null ? "TOTAL" : line.agency())).append(',')
                    .append(line.finished()).append(',').append(line.early()).append(',').append(line.onTime())
                    .append(',').append(line.late()).append(',')
                    .append(line.onTimeRate() == null ? "" : line.onTimeRate()).append("\r\n");
        }
        String file = "on-time-" + FILE_DATE.format(period.from().atZone(calendars.zone())) + "-"
                + FILE_DATE.format(period.to().atZone(calendars.zone())) + ".csv";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv.toString());
    }

    /** Agency codes are plain, but a field with a comma, quote or line break would be quoted as RFC 4180 says. */
    private static String csvField(String value) {
        if (value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    /** The report's period, checked. */
    private record Period(Instant from, Instant to) {
    }

    private Period period(String from, String to, String agency) {
        List<FieldError> errors = new ArrayList<>();
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add(new FieldError("/to", "must be after from"));
        }
        if (agency != null && (agency.isBlank() || agency.length() > MAX_AGENCY_LENGTH)) {
            errors.add(new FieldError("/agency", "must be an agency code of 1 to " + MAX_AGENCY_LENGTH
                    + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, "The on-time report needs a period [from, to)"
                    + " and optionally an agency code: " + errors.stream().map(e -> e.pointer().substring(1) + " "
                    + e.message()).toList(), errors);
        }
        return new Period(start, end);
    }

    /** The agencies' lines in order, then the total. */
    private List<Line> lines(Period period, String agency) {
        List<Line> lines = new ArrayList<>();
        long early = 0;
        long onTime = 0;
        long late = 0;
        for (DeadlineStore.AgencyCount count : store.onTimeByAgency(period.from(), period.to(), agency)) {
            lines.add(new Line(count.agency(), count.early(), count.onTime(), count.late()));
            early += count.early();
            onTime += count.onTime();
            late += count.late();
        }
        lines.add(new Line(null, early, onTime, late));
        return lines;
    }

    private Instant instant(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("/" + name, "is required: an ISO date (2026-01-31) or date-time with offset"));
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(calendars.zone()).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("/" + name, "'" + value + "' is not an ISO date (2026-01-31) or date-time"
                    + " with offset (2026-01-31T00:00:00+07:00)"));
            return null;
        }
    }
}
