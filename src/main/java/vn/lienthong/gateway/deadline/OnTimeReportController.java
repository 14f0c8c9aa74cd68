package vn.lienthong.gateway.deadline;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/reports/on-time?from=&to=&agency=}: the on-time report of {@link OnTimeReports}. */
@RestController
public class OnTimeReportController {

    private final OnTimeReports reports;

    public OnTimeReportController(OnTimeReports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/v1/reports/on-time")
    public Map<String, Object> onTime(@RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String agency) {
        return reports.report(from, to, agency);
    }
}
