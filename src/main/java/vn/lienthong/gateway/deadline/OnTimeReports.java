package vn.lienthong.gateway.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;

/**
 * The on-time report (tỷ lệ giải quyết đúng hạn) as the national index counts it: per receiving agency, the
 * dossiers that finished in {@code [from, to)}, how many early, on time and late, and the on-time rate (early and
 * on time over finished). {@code from} and {@code to} are ISO dates (midnight in the calendar's zone) or date-times
 * with an offset. One place for the API (JSON and CSV) and the operator console.
 */
@Service
public class OnTimeReports {

    private static final int MAX_AGENCY_LENGTH = 50;

    private final DeadlineStore store;
    private final WorkingCalendars calendars;

    public OnTimeReports(DeadlineStore store, WorkingCalendars calendars) {
        this.store = store;
        this.calendars = calendars;
    }

    /** One line of the report: an agency's counts, or the total (agency null). */
    public record Line(String agency, long early, long onTime, long late) {

        public long finished() {
            return early + onTime + late;
        }

        /** Early and on time over finished, four decimals (0.9615 reads as 96.15 %); null with none finished. */
        public Double onTimeRate() {
            return finished() == 0 ? null : Math.round((early + onTime) * 10_000.0 / finished()) / 10_000.0;
        }

        /** The line as the API shows it. */
        public Map<String, Object> json() {
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

    /**
     * The report of one period.
     *
     * @param agency   the agency asked for, or null for all
     * @param agencies one line per agency, by agency code
     * @param total    the agencies' lines added up
     */
    public record Report(OffsetDateTime from, OffsetDateTime to, String agency, List<Line> agencies, Line total) {

        /** The report as the API shows it. */
        public Map<String, Object> json() {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("from", from);
            report.put("to", to);
            report.put("agency", agency);
            report.put("agencies", agencies.stream().map(Line::json).toList());
            report.put("total", total.json());
            return report;
        }
    }

    /** The report of {@code [from, to)}; VALIDATION_FAILED naming each bad parameter. */
    public Report report(String from, String to, String agency) {
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
        List<Line> lines = new ArrayList<>();
        long early = 0;
        long onTime = 0;
        long late = 0;
        for (DeadlineStore.AgencyCount count : store.onTimeByAgency(start, end, agency)) {
            lines.add(new Line(count.agency(), count.early(), count.onTime(), count.late()));
            early += count.early();
            onTime += count.onTime();
            late += count.late();
        }
        return new Report(OffsetDateTime.ofInstant(start, calendars.zone()),
                OffsetDateTime.ofInstant(end, calendars.zone()), agency, lines, new Line(null, early, onTime, late));
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
