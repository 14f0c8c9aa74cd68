package vn.lienthong.gateway.console;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The overview ({@code /console/}) and its live part, which the page fetches again every few seconds (htmx). */
@Controller
public class OverviewPage {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

    private final Overview overview;
    private final ConsoleFormat format;
    private final ObjectMapper mapper;

    public OverviewPage(Overview overview, ConsoleFormat format, ObjectMapper mapper) {
        this.overview = overview;
        this.format = format;
        this.mapper = mapper;
    }

    @GetMapping({"/console", "/console/"})
    String page(Model model) throws JsonProcessingException {
        live(model);
        return "console/overview";
    }

    @GetMapping("/console/overview/live")
    String live(Model model) throws JsonProcessingException {
        Overview.Snapshot snapshot = overview.snapshot();
        model.addAttribute("snapshot", snapshot);
        model.addAttribute("chart", chart(snapshot));
        return "console/overview :: live";
    }

    /** The throughput chart's data for Chart.js: hour labels in the agencies' zone and three series. */
    private String chart(Overview.Snapshot snapshot) throws JsonProcessingException {
        var t = snapshot.throughput();
        List<String> labels = IntStream.range(0, t.received().size())
                .mapToObj(i -> HOUR.format(t.from().plusHours(i).atZoneSameInstant(format.zone()))).toList();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", labels);
        chart.put("received", t.received());
        chart.put("delivered", t.delivered());
        chart.put("failed", t.failed());
        return mapper.writeValueAsString(chart);
    }
}
