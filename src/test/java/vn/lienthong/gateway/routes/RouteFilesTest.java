package vn.lienthong.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tier 1: every YAML route file and every kamelet template validates against Camel's own YAML DSL
 * schema (shipped in camel-yaml-dsl), and every kamelet is named after its file with typed, described
 * parameters. A typo in a route is caught here, before any context starts.
 */
class RouteFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonSchema camelYamlDsl;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = RouteFilesTest.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertThat(in).as("camel-yaml-dsl ships its schema").isNotNull();
            camelYamlDsl = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    static Stream<Path> routeFiles() throws IOException {
        return yamlFiles().filter(p -> !p.toString().endsWith(".kamelet.yaml"));
    }

    static Stream<Path> kameletFiles() throws IOException {
        return yamlFiles().filter(p -> p.toString().endsWith(".kamelet.yaml"));
    }

    private static Stream<Path> yamlFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("routes"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routeFiles")
    void routeFileMatchesTheYamlDslSchema(Path file) throws IOException {
        JsonNode routes = YAML.readTree(file.toFile());
        Set<ValidationMessage> problems = camelYamlDsl.validate(routes);
        assertThat(problems).as(file + " against camelYamlDsl.json").isEmpty();
        for (JsonNode item : routes) {
            JsonNode route = item.has("route") ? item.get("route")
                    : item.has("routeTemplate") ? item.get("routeTemplate") : item.path("routeConfiguration");
            assertThat(route.path("id").asText()).as("every route in " + file + " has an explicit kebab-case id")
                    .matches("[a-z0-9]+(-[a-z0-9]+)+");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kameletFiles")
    void kameletIsNamedAfterItsFileAndItsTemplateIsValid(Path file) throws IOException {
        JsonNode kamelet = YAML.readTree(file.toFile());
        String fileName = file.getFileName().toString().replace(".kamelet.yaml", "");
        assertThat(kamelet.path("kind").asText()).isEqualTo("Kamelet");
        assertThat(kamelet.path("metadata").path("name").asText()).isEqualTo(fileName);
        assertThat(fileName).matches("[a-z0-9-]+-(source|sink|action)");
        JsonNode properties = kamelet.path("spec").path("definition").path("properties");
        properties.fields().forEachRemaining(p -> {
            assertThat(p.getValue().path("type").asText()).as(fileName + "." + p.getKey() + " type").isNotBlank();
            assertThat(p.getValue().path("description").asText()).as(fileName + "." + p.getKey() + " description")
                    .isNotBlank();
        });
        ArrayNode asRoute = YAML.createArrayNode();
        asRoute.addObject().set("from", kamelet.path("spec").path("template").path("from"));
        assertThat(camelYamlDsl.validate(asRoute)).as(file + " template against camelYamlDsl.json").isEmpty();
    }
}
