package vn.lienthong.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.Protocol;
import vn.lienthong.gateway.catalog.SystemKind;

/** Tier 1: every route in routes/ is loaded from the file system and started, and so is each system's route. */
class RoutesStartE2ETest extends GatewayTestSupport {

    @Autowired
    CamelContext camel;
    @Autowired
    Catalog catalog;

    @Test
    void everyRouteFromTheRouteFilesIsStarted() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")
                    && !p.toString().endsWith(".kamelet.yaml")).toList()) {
                for (JsonNode item : yaml.readTree(file.toFile())) {
                    // A route with a precondition that is false here (the cluster's, in the demo) is not loaded.
                    if (item.has("route") && (!item.get("route").has("precondition") || Boolean.parseBoolean(
                            camel.resolvePropertyPlaceholders(item.get("route").get("precondition").asText())))) {
                        ids.add(item.get("route").get("id").asText());
                    }
                }
            }
        }
        assertThat(ids).contains("one-stop-in-dossier", "one-stop-in-route", "department-in-status-soap");
        for (String id : ids) {
            assertThat(camel.getRouteController().getRouteStatus(id)).as(id).isEqualTo(ServiceStatus.Started);
        }
    }

    @Test
    void everyConnectedSystemHasItsRoutesFromTheTemplates() {
        assertThat(camel.getCamelContextExtension().getContextPlugin(org.apache.camel.model.Model.class)
                .getRouteTemplateDefinitions()).extracting("id")
                .contains("system-delivery", "system-file-status");
        catalog.systems().stream()
                .filter(s -> s.kind() != SystemKind.NATIONAL_AXIS)
                .forEach(s -> {
                    assertThat(camel.getRouteController().getRouteStatus(s.id() + "-out-deliver")).as(s.id())
                            .isEqualTo(ServiceStatus.Started);
                    if (s.protocol() == Protocol.FILE) {
                        assertThat(camel.getRouteController().getRouteStatus(s.id() + "-in-status-file"))
                                .isEqualTo(ServiceStatus.Started);
                    }
                });
    }
}
