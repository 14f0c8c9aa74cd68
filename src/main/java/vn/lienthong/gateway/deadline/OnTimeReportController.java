package vn.lienthong.gateway.deadline;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The on-time report of {@link OnTimeReports}: {@code GET /api/v1/reports/on-time} answers JSON,
 * {@code GET /api/v1/reports/on-time.csv} the same lines as CSV.
 */
@RestController
public class OnTimeReportController {

    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final OnTimeReports reports;

    public OnTimeReportController(OnTimeReports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/v1/reports/on-time")
    public Map<String, Object> onTime(@RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String agency) {
        return reports.report(from, to, agency).json();
    }

    /** The same report as CSV (RFC 4180, UTF-8), one line per agency and a last line {@code TOTAL}. */
    @GetMapping("/api/v1/reports/on-time.csv")
    public ResponseEntity<String> onTimeCsv(@RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to,
                                            @RequestParam(required = false) String agency) {
        OnTimeReports.Report report = reports.report(from, to, agency);
        StringBuilder csv = new StringBuilder("agency,finished,early,onTime,late,onTimeRate\r\n");
        List<OnTimeReports.Line> lines = new ArrayList<>(report.agencies());
        lines.add(report.total());
        for (OnTimeReports.Line line : lines) {
            csv.append(csvField(line.agency() == null ? "TOTAL" : line.agency())).append(',')
                    .append(line.finished()).append(',').append(line.early()).append(',').append(line.onTime())
                    .append(',').append(line.late()).append(',')
                    .append(line.onTimeRate() == null ? "" : line.onTimeRate()).append("\r\n");
        }
        String file = "on-time-" + FILE_DATE.format(report.from()) + "-" + FILE_DATE.format(report.to()) + ".csv";
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
}
