package vn.lienthong.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.ExternalTool;
import vn.lienthong.gateway.GatewayTestSupport;

/**
 * What a monitoring system scrapes from {@code /actuator/prometheus} after real traffic: every gateway metric the
 * operators' dashboard and alert rules use, with the values the traffic caused; accepted by {@code promtool check
 * metrics}; and health split into liveness and readiness (broker and database).
 */
class MetricsE2ETest extends GatewayTestSupport {

    private static final Pattern METRIC = Pattern.compile("^(gateway_[a-z_]+?)(?:_bucket|_count|_sum|_max)?\\{",
            Pattern.MULTILINE);
    private static final Pattern GATEWAY_NAME = Pattern.compile("\\bgateway_[a-z_]+\\b");

    @Test
    void trafficShowsInTheGatewayMetrics() throws Exception {
        ObjectNode dossier = (ObjectNode) JSON.readTree(sample("dossiers/business-single.json"));
        dossier.put("dossierCode", "METRICS-1");
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, dossier.toString()).status()).isEqualTo(202);
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, "{\"dossierCode\":\"x y\"}").status()).isEqualTo(400);
        assertThat(postJson("/api/v1/dossiers", "not-a-key-of-anyone", dossier.toString()).status()).isEqualTo(401);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(metrics)
                    .containsPattern("gateway_messages_total\\{[^}]*flow=\"dossier\"[^}]*outcome=\"delivered\"[^}]*"
                            + "system=\"dpi-business\"[^}]*} [1-9]")
                    .containsPattern("gateway_delivery_seconds_bucket\\{[^}]*outcome=\"delivered\"[^}]*"
                            + "system=\"dpi-business\"")
                    .containsPattern("gateway_intake_answers_total\\{[^}]*entry=\"dossier\"[^}]*status=\"202\"")
                    .containsPattern("gateway_intake_answers_total\\{[^}]*entry=\"dossier\"[^}]*status=\"400\"")
                    .containsPattern("gateway_intake_answers_total\\{[^}]*entry=\"dossier\"[^}]*status=\"401\"")
                    .containsPattern("gateway_queue_depth\\{[^}]*system=\"dpi-business\"[^}]*} 0")
                    .containsPattern("gateway_dead_letters\\{[^}]*system=\"dpi-business\"")
                    .containsPattern("gateway_circuit_state\\{[^}]*system=\"dpi-business\"[^}]*} 0")
                    .contains("gateway_dossiers_overdue");
        });
    }

    @Test
    void aPausedSystemShowsAtOnce() {
        assertThat(operatorPost("/api/v1/systems/dolisa-labour/pause", "{\"reason\":\"metrics test\"}").status())
                .isEqualTo(200);
        try {
            assertThat(scrape()).containsPattern("gateway_system_paused\\{[^}]*system=\"dolisa-labour\"[^}]*} 1");
        } finally {
            operatorPost("/api/v1/systems/dolisa-labour/resume", null);
        }
        assertThat(scrape()).containsPattern("gateway_system_paused\\{[^}]*system=\"dolisa-labour\"[^}]*} 0");
    }

    @Test
    void promtoolAcceptsTheGatewayMetrics() throws Exception {
        ExternalTool.require("promtool", "prometheus");
        // Only the gateway's own families: HELP, TYPE and samples of every gateway_ metric.
        String gatewayOnly = scrape().lines().filter(l -> l.startsWith("gateway_") || l.matches("# (HELP|TYPE) gateway_.*"))
                .collect(Collectors.joining("\n", "", "\n"));
        Path exposition = Files.createTempFile("gateway-metrics", ".prom");
        Files.writeString(exposition, gatewayOnly, StandardCharsets.UTF_8);

        ExternalTool.Result check = ExternalTool.run(exposition.getParent(), "sh", "-c",
                "promtool check metrics < " + exposition.getFileName());

        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.output()).as(check.toString()).isBlank();
    }

    @Test
    void theDashboardAndTheAlertRulesUseOnlyMetricsTheGatewayExports() throws Exception {
        ObjectNode dossier = (ObjectNode) JSON.readTree(sample("dossiers/business-single.json"));
        dossier.put("dossierCode", "METRICS-2");
        postJson("/api/v1/dossiers", ONE_STOP_KEY, dossier.toString());
        Set<String> exported = new TreeSet<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Matcher m = METRIC.matcher(scrape());
            while (m.find()) {
                exported.add(m.group(1));
            }
            assertThat(exported).contains("gateway_delivery_seconds", "gateway_messages_total");
        });
        Set<String> used = new TreeSet<>();
        for (String file : new String[] {"docs/ops/grafana-dashboard.json", "docs/ops/prometheus-alerts.yml"}) {
            Matcher m = GATEWAY_NAME.matcher(Files.readString(Path.of(file)));
            while (m.find()) {
                used.add(m.group().replaceFirst("_(bucket|count|sum|max)$", ""));
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(exported).as("metrics the gateway exports").containsAll(used);
    }

    @Test
    void livenessAndReadinessAreSeparateProbes() {
        Answer liveness = get("/actuator/health/liveness", null, null);
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asText()).isEqualTo("UP");
        Answer readiness = viewerGet("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        JsonNode components = readiness.json().get("components");
        assertThat(components.fieldNames()).toIterable().contains("db", "jms", "readinessState");
        assertThat(components.get("jms").get("status").asText()).isEqualTo("UP");
    }

    private static String scrape() {
        Answer answer = viewerGet("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }
}
