package vn.lienthong.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.env.StandardEnvironment;

import vn.lienthong.gateway.catalog.CatalogLoader;
import vn.lienthong.gateway.catalog.ConnectedSystem;

/**
 * Self-certification: every case under {@code config/systems/<id>/cases/} of every system passes through that
 * system's mapping (the delivery's {@link DossierMapping}); a failing case shows a readable diff; {@code --certify}
 * prints the verdicts and exits 0 or 1. No Spring context: only files and the mapping.
 */
class SelfCertificationTest {

    private static final Path CONFIG = Path.of("config");
    private static final Path FAILING = Path.of("src/test/resources/certification/failing");
    private final SelfCertification certification = new SelfCertification(new DossierMapping());

    /** Placeholders resolved as the config check and --certify do (environment, then application.yml). */
    private static UnaryOperator<String> resolver() {
        StandardEnvironment environment = new StandardEnvironment();
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        return environment::resolveRequiredPlaceholders;
    }

    @TestFactory
    Stream<DynamicTest> everyShippedCaseOfEverySystemPasses() {
        List<DynamicTest> tests = new ArrayList<>();
        List<String> certified = new ArrayList<>();
        for (ConnectedSystem system : new CatalogLoader(CONFIG, resolver()).load().systems()) {
            Path folder = SelfCertification.casesFolder(CONFIG, system.id());
            Path stylesheet = system.mapping() == null ? null : CONFIG.resolve("mappings").resolve(system.mapping());
            for (String name : SelfCertification.caseNames(folder)) {
                certified.add(system.id());
                tests.add(DynamicTest.dynamicTest(system.id() + ": " + name, () -> {
                    SelfCertification.Verdict verdict = certification.certify(folder, name, stylesheet);
                    assertThat(verdict.passed()).as(verdict.diff()).isTrue();
                }));
            }
        }
        assertThat(certified).as("the demo systems ship cases").contains("izb-investment", "dolisa-labour");
        return tests.stream();
    }

    @Test
    void aFailingXmlCaseShowsAUnifiedDiffOfWhatDiffers() {
        SelfCertification.Verdict verdict = certification.certify(FAILING, "wrong-applicant",
                CONFIG.resolve("mappings/izb-investment.xsl"));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.diff()).contains("--- wrong-applicant.expected.xml", "+++ mapping output", "@@")
                .containsPattern("\n-\\s+<HoTen>Công ty TNHH Cơ khí Sai Tên</HoTen>")
                .containsPattern("\n\\+\\s+<HoTen>Công ty TNHH Cơ khí Chính xác Biên Hòa</HoTen>");
        // Only the changed line and its context, not the whole document.
        assertThat(verdict.diff().lines().filter(l -> l.startsWith("-") && !l.startsWith("---"))).hasSize(1);
    }

    @Test
    void aFailingJsonCaseIsComparedAsATree() {
        // No mapping: the system gets the dossier JSON as it is; the expected file says revision 2.
        SelfCertification.Verdict verdict = certification.certify(FAILING, "json-wrong-revision", null);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.diff()).contains("-  \"revision\" : 2,", "+  \"revision\" : 1,");
    }

    @Test
    void certifyPrintsEachVerdictAndExitsZeroOnlyWhenAllPass(@TempDir Path config) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int status = SelfCertification.main(CONFIG, "izb-investment", resolver(), new PrintStream(text, true,
                StandardCharsets.UTF_8));
        assertThat(status).as(text.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("PASS investment-lienthong",
                "izb-investment: 1 passed, 0 failed");

        // The shipped configuration with the failing case added to izb-investment's cases.
        copy(CONFIG, config);
        for (String file : List.of("wrong-applicant.input.json", "wrong-applicant.expected.xml")) {
            Files.copy(FAILING.resolve(file), SelfCertification.casesFolder(config, "izb-investment").resolve(file));
        }
        text.reset();
        status = SelfCertification.main(config, "izb-investment", resolver(), new PrintStream(text, true,
                StandardCharsets.UTF_8));
        String output = text.toString(StandardCharsets.UTF_8);
        assertThat(status).as(output).isEqualTo(1);
        assertThat(output).contains("PASS investment-lienthong", "FAIL wrong-applicant",
                "izb-investment: 1 passed, 1 failed").containsPattern("\n  -\\s+<HoTen>Công ty TNHH Cơ khí Sai Tên");

        text.reset();
        assertThat(SelfCertification.main(CONFIG, "no-such-system", resolver(), new PrintStream(text, true,
                StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("no readable system 'no-such-system'");
    }

    private static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }
}
