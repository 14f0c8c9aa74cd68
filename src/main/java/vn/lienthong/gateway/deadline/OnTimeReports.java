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
 * The on-time report (tỷ lệ giải quyết đúng hạn): per receiving agency, the dossiers that finished in
 * {@code [from, to)}, how many on time, how many late, and the on-time rate. {@code from} and {@code to} are ISO
 * dates (midnight in the calendar's zone) or date-times with an offset. One place for the API and the console.
 */
@Service
public class OnTimeReports {

    private static final int MAX_AGENCY_LENGTH = 50;

    private final DeadlineStore store;
    private final WorkingCalendar calendar;

    public OnTimeReports(DeadlineStore store, WorkingCalendar calendar) {
        this.store = store;
        this.calendar = calendar;
    }

    /** The report as the API shows it: {@code from, to, agency, agencies[], total}; VALIDATION_FAILED names bad parameters. */
    public Map<String, Object> report(String from, String to, String agency) {
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
        List<Map<String, Object>> agencies = new ArrayList<>();
        long finished = 0;
        long onTime = 0;
        for (DeadlineStore.AgencyCount count : store.onTimeByAgency(start, end, agency)) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("agency", count.agency());
            line.putAll(counts(count.finished(), count.onTime()));
            agencies.add(line);
            finished += count.finished();
            onTime += count.onTime();
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("from", OffsetDateTime.ofInstant(start, calendar.zone()));
        report.put("to", OffsetDateTime.ofInstant(end, calendar.zone()));
        report.put("agency", agency);
        report.put("agencies", agencies);
        report.put("total", counts(finished, onTime));
        return report;
    }

    private static Map<String, Object> counts(long finished, long onTime) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("finished", finished);
        counts.put("onTime", onTime);
        counts.put("late", finished - onTime);
        // Four decimals: 0.9615 reads as 96.15 %.
        counts.put("onTimeRate", finished == 0 ? null : Math.round(onTime * 10_000.0 / finished) / 10_000.0);
        return counts;
    }

    private Instant instant(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("/" + name, "is required: an ISO date (2026-01-31) or date-time with offset"));
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(calendar.zone()).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("/" + name, "'" + value + "' is not an ISO date (2026-01-31) or date-time"
                    + " with offset (2026-01-31T00:00:00+07:00)"));
            return null;
        }
    }
}
