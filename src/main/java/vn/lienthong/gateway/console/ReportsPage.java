package vn.lienthong.gateway.console;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.deadline.OnTimeReports;

/**
 * The on-time report (tỷ lệ giải quyết đúng hạn) per receiving agency for a period, as a chart and a table, and as
 * CSV. The period is [from, to) in whole days; by default the current month.
 */
@Controller
public class ReportsPage {

    private final OnTimeReports reports;
    private final Catalog catalog;
    private final ConsoleFormat format;
    private final MessageSource texts;
    private final ObjectMapper mapper;

    public ReportsPage(OnTimeReports reports, Catalog catalog, ConsoleFormat format, MessageSource texts,
                       ObjectMapper mapper) {
        this.reports = reports;
        this.catalog = catalog;
        this.format = format;
        this.texts = texts;
        this.mapper = mapper;
    }

    @GetMapping("/console/reports")
    String report(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) String agency, Model model) throws JsonProcessingException {
        Period period = period(from, to);
        String code = Forms.given(agency);
        OnTimeReports.Report report = reports.report(period.from(), period.to(), code);
        model.addAttribute("from", period.from());
        model.addAttribute("to", period.to());
        model.addAttribute("agency", code);
        model.addAttribute("report", report);
        model.addAttribute("agencyNames", agencyNames());
        model.addAttribute("chart", chart(report));
        return "console/reports";
    }

    @GetMapping("/console/reports.csv")
    void export(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) String agency, HttpServletResponse response) throws IOException {
        Period period = period(from, to);
        OnTimeReports.Report report = reports.report(period.from(), period.to(), Forms.given(agency));
        var locale = LocaleContextHolder.getLocale();
        List<String> header = new ArrayList<>();
        for (String column : List.of("agency", "agencyName", "finished", "early", "onTime", "late", "onTimeRate")) {
            header.add(texts.getMessage("reports.column." + column, null, column, locale));
        }
        Map<String, String> names = agencyNames();
        try (Csv csv = Csv.download(response, "on-time-" + period.from() + "-" + period.to() + ".csv", header)) {
            for (OnTimeReports.Line line : report.agencies()) {
                csv.row(line.agency(), names.get(line.agency()), line.finished(), line.early(), line.onTime(),
                        line.late(), line.onTimeRate());
            }
            OnTimeReports.Line total = report.total();
            csv.row(texts.getMessage("reports.total", null, locale), null, total.finished(), total.early(),
                    total.onTime(), total.late(), total.onTimeRate());
        }
    }

    /** The period asked for; by default from the first of this month to the first of the next, in the agencies' zone. */
    private Period period(String from, String to) {
        LocalDate today = LocalDate.now(format.zone());
        String start = Forms.given(from) == null ? today.withDayOfMonth(1).toString() : from.trim();
        String end = Forms.given(to) == null ? today.withDayOfMonth(1).plusMonths(1).toString() : to.trim();
        return new Period(start, end);
    }

    private record Period(String from, String to) {
    }

    /** The agencies' names, from the systems that serve them. */
    private Map<String, String> agencyNames() {
        Map<String, String> names = new HashMap<>();
        catalog.systems().stream().filter(s -> s.agencyCode() != null)
                .forEach(s -> names.putIfAbsent(s.agencyCode(), s.name()));
        return names;
    }

    /** The chart's data for Chart.js: per agency, the on-time rate in percent. */
    private String chart(OnTimeReports.Report report) throws JsonProcessingException {
        Map<String, String> names = agencyNames();
        List<String> labels = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (OnTimeReports.Line line : report.agencies()) {
            labels.add(names.getOrDefault(line.agency(), line.agency()));
            rates.add(line.onTimeRate() == null ? null : Math.round(line.onTimeRate() * 10_000) / 100.0);
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", labels);
        chart.put("rates", rates);
        return mapper.writeValueAsString(chart);
    }
}
