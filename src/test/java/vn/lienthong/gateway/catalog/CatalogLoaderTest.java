package vn.lienthong.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Onboarding is configuration: good files load, and a bad file names itself, its line and the problem. */
class CatalogLoaderTest {

    @TempDir
    Path dir;

    private static final String REST_SYSTEM = """
            id: tnmt-land
            name: Sở Tài nguyên và Môi trường – phần mềm đất đai
            kind: department
            agencyCode: 000.25.31.H19
            protocol: rest
            endpoint: http://127.0.0.1:18999/land/dossiers
            apiKey: ${TNMT_LAND_KEY:demo-tnmt-land-key}
            delivery: { maxAttempts: 6, initialDelay: 1s, multiplier: 2, maxDelay: 5m, timeout: 10s }
            """;

    private Catalog load(Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path path = dir.resolve(f.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, f.getValue());
        }
        return new CatalogLoader(dir, CatalogLoaderTest::resolve).load();
    }

    /** A stand-in for Spring's placeholder resolution: ${NAME:default} becomes the default. */
    private static String resolve(String value) {
        if (value.contains("${MISSING")) {
            throw new IllegalArgumentException("Could not resolve placeholder 'MISSING'");
        }
        return value.replaceAll("\\$\\{[A-Z_]+:([^}]*)}", "$1");
    }

    @Test
    void theContractExampleOnboardsASystemAndAProcedure() throws IOException {
        Catalog catalog = load(Map.of("systems/tnmt-land.yml", REST_SYSTEM, "procedures/3.000123.yml", """
                code: "3.000123"
                name: Cấp giấy chứng nhận quyền sử dụng đất lần đầu
                processingDays: 10
                steps:
                  - system: tnmt-land
                """));
        ConnectedSystem land = catalog.system("tnmt-land").orElseThrow();
        assertThat(land.kind()).isEqualTo(SystemKind.DEPARTMENT);
        assertThat(land.protocol()).isEqualTo(Protocol.REST);
        assertThat(land.delivery().maxDelay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(land.delivery().delayBeforeRetry(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(land.delivery().delayBeforeRetry(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(land.delivery().delayBeforeRetry(20)).isEqualTo(Duration.ofMinutes(5));
        assertThat(catalog.systemByApiKey("demo-tnmt-land-key")).contains(land);
        assertThat(catalog.systemByApiKey("demo-tnmt-land-kez")).isEmpty();
        assertThat(catalog.procedure("3.000123").orElseThrow().initialSteps()).hasSize(1);
        assertThat(land.toString()).doesNotContain("demo-tnmt-land-key");
    }

    @Test
    void theShippedDemoConfigurationLoads() {
        Catalog catalog = new CatalogLoader(Path.of("config"), v -> v.replaceAll("\\$\\{[^:}]+:([^}]*)}", "$1")
                .replace("${gateway.demo.base-url}", "http://127.0.0.1:8080")
                .replace("${gateway.data-dir}", "data")).load();
        assertThat(catalog.systems()).extracting(ConnectedSystem::id)
                .contains("one-stop", "izb-investment", "dpi-business", "dolisa-labour");
        Procedure investment = catalog.procedure("1.009645").orElseThrow();
        assertThat(investment.initialSteps()).extracting(Procedure.Step::system).containsExactly("izb-investment");
        assertThat(investment.stepsAfter("izb-investment")).extracting(Procedure.Step::system)
                .containsExactlyInAnyOrder("dpi-business", "dolisa-labour");
    }

    private void assertRefused(Map<String, String> files, String file, int line, String problem) {
        assertThatThrownBy(() -> load(files))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(dir.resolve(file) + (line > 0 ? ":" + line + ":" : ":"))
                .hasMessageContaining(problem);
    }

    @Test
    void everyBadFileIsNamedAtOnceAndAMissingPlaceholderDoesNotHideTheRestOfItsFile() throws IOException {
        Files.createDirectories(dir.resolve("systems"));
        Files.writeString(dir.resolve("systems/tnmt-land.yml"), REST_SYSTEM
                .replace("endpoint: http", "endpoint: ${MISSING_URL}/http")
                .replace("${TNMT_LAND_KEY:demo-tnmt-land-key}", "short"));
        Files.writeString(dir.resolve("systems/tnmt-survey.yml"), REST_SYSTEM.replace("tnmt-land", "tnmt-survey")
                .replace("agencyCode:", "agencyKode:"));
        Files.createDirectories(dir.resolve("procedures"));
        Files.writeString(dir.resolve("procedures/3.000123.yml"), """
                code: "3.000123"
                name: Cấp giấy chứng nhận quyền sử dụng đất lần đầu
                processingDays: 10
                steps:
                  - system: tnmt-land
                  - system: nowhere
                """);

        CatalogLoader.Inspection inspection = new CatalogLoader(dir, CatalogLoaderTest::resolve).inspect();

        assertThat(inspection.problems()).satisfiesExactly(
                p -> assertThat(p).isEqualTo(dir.resolve("systems/tnmt-land.yml")
                        + ":6: 'endpoint': ${MISSING} is not set (set it in the environment or in application.yml)"),
                p -> assertThat(p).isEqualTo(dir.resolve("systems/tnmt-land.yml")
                        + ":7: apiKey must be at least 12 characters long"),
                p -> assertThat(p).startsWith(dir.resolve("systems/tnmt-survey.yml")
                        + ":4: unknown key 'agencyKode' (allowed: "),
                p -> assertThat(p).isEqualTo(dir.resolve("procedures/3.000123.yml")
                        + ":6: step system 'nowhere' is not defined in systems/"));
        // tnmt-land's own problems are listed once; the procedure naming it is not blamed for them.
        assertThatThrownBy(inspection::catalog).isInstanceOf(CatalogException.class)
                .hasMessageContaining("12 characters").hasMessageContaining("'nowhere'");
    }

    @Test
    void aTypoInAKeyIsNamedWithItsLine() {
        assertRefused(Map.of("systems/tnmt-land.yml", REST_SYSTEM.replace("endpoint:", "endpont:")),
                "systems/tnmt-land.yml", 6, "unknown key 'endpont'");
    }

    @Test
    void anUnknownProtocolListsTheAllowedOnes() {
        assertRefused(Map.of("systems/tnmt-land.yml", REST_SYSTEM.replace("protocol: rest", "protocol: ftp")),
                "systems/tnmt-land.yml", 5, "expected one of [rest, soap, file, jms, sftp]");
    }

    @Test
    void brokenYamlSaysWhere() {
        assertRefused(Map.of("systems/tnmt-land.yml", REST_SYSTEM.replace("kind: department", "kind: [department")),
                "systems/tnmt-land.yml", 0, "not valid YAML");
    }

    @Test
    void theIdMustMatchTheFileName() {
        assertRefused(Map.of("systems/land.yml", REST_SYSTEM), "systems/land.yml", 1, "must match the file name");
    }

    @Test
    void aBadDurationIsExplained() {
        assertRefused(Map.of("systems/tnmt-land.yml", REST_SYSTEM.replace("timeout: 10s", "timeout: ten")),
                "systems/tnmt-land.yml", 8, "must be a duration");
    }

    @Test
    void anUnresolvablePlaceholderIsNamed() {
        assertRefused(Map.of("systems/tnmt-land.yml", REST_SYSTEM.replace("${TNMT_LAND_KEY:demo-tnmt-land-key}",
                "${MISSING}")), "systems/tnmt-land.yml", 7, "${MISSING} is not set");
    }

    @Test
    void twoSystemsMayNotShareAKey() {
        assertRefused(Map.of("systems/tnmt-land.yml", REST_SYSTEM, "systems/tnmt-other.yml",
                REST_SYSTEM.replace("id: tnmt-land", "id: tnmt-other")), "systems/tnmt-other.yml", 0,
                "every system needs its own key");
    }

    @Test
    void aProcedureStepMustNameAKnownDepartment() {
        assertRefused(Map.of("systems/tnmt-land.yml", REST_SYSTEM, "procedures/3.000123.yml", """
                code: "3.000123"
                name: X
                processingDays: 10
                steps:
                  - system: tnmt-land
                  - system: tnmt-map
                    after: tnmt-land
                """), "procedures/3.000123.yml", 6, "'tnmt-map' is not defined");
    }

    @Test
    void afterMustNameAStepOfTheSameProcedure() {
        assertRefused(Map.of("systems/tnmt-land.yml", REST_SYSTEM, "procedures/3.000123.yml", """
                code: "3.000123"
                name: X
                processingDays: 10
                steps:
                  - system: tnmt-land
                    after: izb-investment
                """), "procedures/3.000123.yml", 6, "is not a step of this procedure");
    }

    @Test
    void aProcedureCodeWithoutQuotesIsExplained() {
        assertRefused(Map.of("systems/tnmt-land.yml", REST_SYSTEM, "procedures/3.10.yml", """
                code: 3.1
                name: X
                processingDays: 10
                steps:
                  - system: tnmt-land
                """), "procedures/3.10.yml", 1, "write the code in quotes");
    }

    @Test
    void processingTimesMayBeHalfDaysOrHoursAndTheSupplementClockIsPerProcedure() throws IOException {
        Catalog catalog = load(Map.of("systems/tnmt-land.yml", REST_SYSTEM, "systems/tnmt-map.yml",
                REST_SYSTEM.replace("id: tnmt-land", "id: tnmt-map").replace("demo-tnmt-land-key", "demo-tnmt-map-key"),
                "procedures/3.000123.yml", """
                code: "3.000123"
                name: X
                processingDays: 2.5
                supplementClock: restart
                steps:
                  - system: tnmt-land
                    days: 0.5
                  - system: tnmt-map
                    after: tnmt-land
                    hours: 4
                """, "procedures/3.000124.yml", """
                code: "3.000124"
                name: Y
                processingHours: 6
                steps:
                  - system: tnmt-land
                """));
        Procedure restart = catalog.procedure("3.000123").orElseThrow();
        assertThat(restart.processingTime()).isEqualTo(WorkDuration.days("2.5"));
        assertThat(restart.processingTime().workingTime(Duration.ofHours(8))).isEqualTo(Duration.ofHours(20));
        assertThat(restart.supplementClock()).isEqualTo(SupplementClock.RESTART);
        assertThat(restart.step("tnmt-land").time().workingTime(Duration.ofHours(8))).isEqualTo(Duration.ofHours(4));
        assertThat(restart.step("tnmt-map").time()).isEqualTo(WorkDuration.hours("4"));
        Procedure hours = catalog.procedure("3.000124").orElseThrow();
        assertThat(hours.processingTime().workingTime(Duration.ofHours(8))).isEqualTo(Duration.ofHours(6));
        assertThat(hours.supplementClock()).isEqualTo(SupplementClock.PAUSE);
        assertThat(hours.step("tnmt-land").time()).isNull();
    }

    private static final String TIMED_PROCEDURE = """
            code: "3.000123"
            name: X
            processingDays: 10
            steps:
              - system: tnmt-land
                days: 1
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # what the case shows          | replaced             | by (\\n: a new line)                     | line | problem
            a word for a number            | processingDays: 10   | processingDays: ten                       | 3    | 'processingDays' must be a number such as 3, 2.5 or 0.5, not 'ten'
            no time at all                 | processingDays: 10   | processingDays: 0                         | 3    | must be positive with at most two decimals
            a step time finer than minutes | "    days: 1"        | "    days: 0.125"                         | 6    | 'days' must be positive with at most two decimals, not '0.125'
            days and hours for one step    | "    days: 1"        | "    days: 1\\n    hours: 4"               | 7    | give either 'days' or 'hours', not both
            an unknown supplement clock    | processingDays: 10   | processingDays: 10\\nsupplementClock: stop | 4    | expected one of [pause, restart]
            no processing time             | processingDays: 10   | # none                                    | 1    | processingDays (working days, e.g. 15 or 2.5) or processingHours (office hours) is required
            """)
    void aBadProcessingTimeOrSupplementClockIsNamedWithItsLine(String shows, String replaced, String by, int line,
                                                               String problem) {
        assertRefused(Map.of("systems/tnmt-land.yml", REST_SYSTEM, "procedures/3.000123.yml",
                TIMED_PROCEDURE.replace(replaced, by.replace("\\n", "\n"))), "procedures/3.000123.yml", line, problem);
    }

    private static final String FILE_OFFICE = """
            id: doc-office
            name: Văn phòng – phần mềm quản lý văn bản
            kind: document-office
            protocol: file
            endpoint: data/exchange/doc-office/inbox
            statusFolder: data/exchange/doc-office/status
            apiKey: demo-doc-office-key
            """;

    @Test
    void aDocumentOfficeOverFilesNeedsNoMappingButAStatusFolder() throws IOException {
        ConnectedSystem office = load(Map.of("systems/doc-office.yml", FILE_OFFICE)).system("doc-office")
                .orElseThrow();
        assertThat(office.protocol()).isEqualTo(Protocol.FILE);
        assertThat(office.mapping()).isNull();
        assertRefused(Map.of("systems/doc-office.yml", FILE_OFFICE.replace("statusFolder:", "# statusFolder:")),
                "systems/doc-office.yml", 4, "a file document office needs 'statusFolder'");
    }

    @Test
    void aDocumentOfficeOverFilesTakesNoMappingAndOtherFileSystemsStillNeedOne() throws IOException {
        Files.createDirectories(dir.resolve("mappings"));
        Files.writeString(dir.resolve("mappings/any.xsl"), "<xsl:stylesheet/>");
        assertRefused(Map.of("systems/doc-office.yml", FILE_OFFICE + "mapping: any.xsl\n"),
                "systems/doc-office.yml", 8, "gets the edXML packages as they are");
        assertRefused(Map.of("systems/doc-office.yml", FILE_OFFICE.replace("kind: document-office",
                "kind: department")), "systems/doc-office.yml", 4, "a file system needs a 'mapping'");
    }
}
