package vn.lienthong.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.ExternalTool;

/**
 * The ops kit in {@code docs/ops/} is checked by Prometheus's own tool: the alert rules load and their unit tests
 * pass ({@code promtool check rules}, {@code promtool test rules}), and every query of the Grafana dashboard is valid
 * PromQL (each is loaded as a recording rule). Which metric names they may use is checked against a real scrape in
 * {@code MetricsE2ETest}.
 */
class OpsKitTest {

    private static final Path OPS = Path.of("docs", "ops");

    @TempDir
    Path work;

    @BeforeEach
    void promtoolInstalled() {
        ExternalTool.require("promtool", "prometheus");
    }

    @Test
    void theAlertRulesLoadAndTheirUnitTestsPass() {
        ExternalTool.Result check = ExternalTool.run(OPS, "promtool", "check", "rules", "prometheus-alerts.yml");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.output()).contains("SUCCESS: 5 rules found");

        ExternalTool.Result test = ExternalTool.run(OPS, "promtool", "test", "rules", "prometheus-alerts.test.yml");
        assertThat(test.exitCode()).as(test.toString()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyDashboardQueryIsValidPromQl() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(OPS.resolve("grafana-dashboard.json").toFile());
        List<String> rules = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.get("targets")).as("panel " + panel.get("title")).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                // Grafana's variables become what Grafana puts in their place.
                String expr = target.get("expr").asText().replace("$__rate_interval", "5m").replace("$system", ".*");
                rules.add("      - record: dashboard:panel_" + panel.get("id").asInt() + "_" + target.get("refId")
                        .asText().toLowerCase() + "\n        expr: '" + expr.replace("'", "''") + "'");
            }
        }
        Path file = work.resolve("dashboard-queries.yml");
        Files.writeString(file, "groups:\n  - name: dashboard\n    rules:\n" + String.join("\n", rules) + "\n",
                StandardCharsets.UTF_8);

        ExternalTool.Result check = ExternalTool.run(work, "promtool", "check", "rules", file.getFileName().toString());

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + rules.size() + " rules found");
    }
}
