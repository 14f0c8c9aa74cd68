package vn.lienthong.gateway.systems;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

import vn.lienthong.gateway.delivery.DossierMapping;

/**
 * Golden files per connected system (X-Road style): {@code src/test/resources/systems/<id>/requests/*.json}
 * is the canonical dossier that goes in, {@code expected/<same name>.xml} what the system's mapping in
 * {@code config/mappings/} must produce; the first comment of each expected file says what the case shows.
 */
class MappingGoldenFilesTest {

    private static final String MESSAGE_ID = "00000000-0000-0000-0000-000000000042";
    private static final DossierMapping MAPPING = new DossierMapping();

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> systems = Files.list(Path.of("src/test/resources/systems"))) {
            for (Path system : systems.sorted().toList()) {
                try (Stream<Path> requests = Files.list(system.resolve("requests"))) {
                    for (Path request : requests.sorted().toList()) {
                        cases.add(Arguments.of(system.getFileName().toString(), request.getFileName().toString()));
                    }
                }
            }
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(3);
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void mappingProducesTheExpectedXml(String system, String request) throws IOException {
        Path dir = Path.of("src/test/resources/systems", system);
        String json = Files.readString(dir.resolve("requests").resolve(request), StandardCharsets.UTF_8);
        Path expectedFile = dir.resolve("expected").resolve(request.replace(".json", ".xml"));
        String actual = MAPPING.map(Path.of("config/mappings", system + ".xsl"), json, MESSAGE_ID).body();
        if (!Files.exists(expectedFile) && Boolean.getBoolean("golden.write")) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        }
        assertThat(expectedFile).as("golden file; run once with -Dgolden.write=true and review it").exists();
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        assertThat(expected).as("each case says what it shows").containsPattern("<!--\\s*case:");
        Diff diff = DiffBuilder.compare(Input.fromString(expected)).withTest(Input.fromString(actual))
                .ignoreComments().ignoreWhitespace().normalizeWhitespace().checkForSimilar().build();
        assertThat(diff.hasDifferences()).as(system + "/" + request + ": " + diff + "\nactual:\n" + actual).isFalse();
    }
}
