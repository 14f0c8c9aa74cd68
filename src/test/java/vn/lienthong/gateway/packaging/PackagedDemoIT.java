package vn.lienthong.gateway.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.process.GatewayProcess;
import vn.lienthong.gateway.process.PackagedJar;

/**
 * The packaged jar as a newcomer runs it, from the project folder with the committed configuration: with no profile
 * argument it is the demo (the default profile) and the README's curl tour works end to end, national document axis
 * included; with any other profile it is production, and the committed demo keys stop it at start-up.
 */
class PackagedDemoIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    private int port;

    @Test
    void withNoProfileArgumentTheReadmeTourWorksEndToEnd() throws Exception {
        port = GatewayProcess.freePort();
        // Only where it listens and keeps its files differ from `java -jar target/lienthong-gateway.jar`.
        try (PackagedJar gateway = PackagedJar.start(JAVA_HOME, List.of("-Xmx512m"),
                List.of("--server.port=" + port, "--gateway.data-dir=" + data), Map.of(), "demo-no-profile")) {
            gateway.awaitHealthy(port, Duration.ofSeconds(180));
            assertThat(gateway.output()).contains("DEMO mode");

            // 1. The one-stop software files a dossier.
            String single = sample("dossiers/business-single.json");
            HttpResponse<String> accepted = post("/api/v1/dossiers", "demo-one-stop-key", single);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            JsonNode answer = JSON.readTree(accepted.body());
            assertThat(answer.get("dossierCode").asText()).isEqualTo("H19.22-261121-0042");
            assertThat(answer.get("state").asText()).isEqualTo("ACCEPTED");

            // 2. The department simulator answers IN_PROGRESS then COMPLETED: the simulators answer the gateway.
            JsonNode dossier = awaitDossierState("H19.22-261121-0042", "COMPLETED");
            assertThat(dossier.get("steps").get(0).get("system").asText()).isEqualTo("dpi-business");
            assertThat(dossier.get("steps").get(0).get("state").asText()).isEqualTo("COMPLETED");

            // 3. What the one-stop software was told.
            JsonNode callbacks = JSON.readTree(get("/sim/one-stop/callbacks?dossierCode=H19.22-261121-0042", null)
                    .body());
            assertThat(callbacks.findValuesAsText("status")).containsSubsequence("IN_PROGRESS", "COMPLETED");

            // 4. The same dossier again is recognised.
            HttpResponse<String> again = post("/api/v1/dossiers", "demo-one-stop-key", single);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(again.body()).get("duplicate").asBoolean()).isTrue();
            assertThat(JSON.readTree(again.body()).get("messageId").asText())
                    .isEqualTo(answer.get("messageId").asText());

            // 5. A liên thông dossier: SOAP first, then REST and XML files in parallel.
            HttpResponse<String> lienthong = post("/api/v1/dossiers", "demo-one-stop-key",
                    sample("dossiers/investment-lienthong.json"));
            assertThat(lienthong.statusCode()).as(lienthong.body()).isEqualTo(202);
            JsonNode investment = awaitDossierState("H19.34-261121-0001", "COMPLETED");
            assertThat(investment.get("steps").findValuesAsText("state"))
                    .containsOnly("COMPLETED").hasSize(3);
            assertThat(files(data.resolve("exchange/dolisa-labour/inbox/.processed"))).isNotEmpty();
            assertThat(files(data.resolve("exchange/dolisa-labour/outbox/.done"))).isNotEmpty();

            // 6. Bad input gets a problem that names the field.
            HttpResponse<String> bad = post("/api/v1/dossiers", "demo-one-stop-key",
                    "{\"dossierCode\":\"x y\",\"revision\":0}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(bad.body()).get("errors").findValuesAsText("pointer"))
                    .contains("/dossierCode", "/revision");

            // 7. A department can be made to misbehave, and shows what it received.
            HttpResponse<String> mode = post("/sim/departments/dpi-business/mode", null, "{\"mode\":\"down\"}");
            assertThat(mode.statusCode()).isEqualTo(200);
            assertThat(get("/sim/departments/dpi-business/received", null).body()).contains("H19.22-261121-0042");

            // The national document axis is polled: a package put on the demo axis reaches the document office,
            // and the sender is answered (01 at once).
            HttpResponse<String> inbox = postXml("/sim/axis/inbox",
                    Files.readString(Path.of("src/test/resources/edxml/samples/edoc_new.edxml")));
            assertThat(inbox.statusCode()).as(inbox.body()).isBetween(200, 202);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(get("/sim/doc-office/received", null).body()).contains("7816/VPCP-TTĐT");
                assertThat(get("/sim/axis/sent", null).body()).contains("\"01\"");
            });
        }
    }

    @Test
    void anyOtherProfileIsProductionAndTheCommittedDemoKeysStopIt() throws Exception {
        port = GatewayProcess.freePort();
        try (PackagedJar gateway = PackagedJar.start(JAVA_HOME, List.of("-Xmx512m"),
                List.of("--spring.profiles.active=staging", "--server.port=" + port, "--gateway.data-dir=" + data),
                Map.of(), "staging-committed-config")) {
            int exit = gateway.awaitExit(Duration.ofSeconds(120));
            String output = gateway.output();
            assertThat(exit).as(output).isNotZero();
            assertThat(output).contains("APPLICATION FAILED TO START", "runs as production",
                    "config/systems/one-stop.yml: apiKey is the committed demo key 'demo-one-stop-key'",
                    "demo-dpi-business-key", "demo-izb-investment-key", "demo-dolisa-labour-key",
                    "demo-doc-office-key");
            // Nothing started: no port was opened, no broker journal written.
            assertThat(output).doesNotContain("Tomcat started");
            assertThat(data.resolve("artemis")).doesNotExist();
        }
    }

    private JsonNode awaitDossierState(String code, String state) {
        List<JsonNode> last = new ArrayList<>(List.of(JSON.nullNode()));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            HttpResponse<String> view = get("/api/v1/dossiers/" + code, "viewer:viewer-demo");
            assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
            last.set(0, JSON.readTree(view.body()));
            assertThat(last.get(0).get("state").asText()).as(view.body()).isEqualTo(state);
        });
        return last.get(0);
    }

    private HttpResponse<String> post(String path, String apiKey, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postXml(String path, String xml) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String userAndPassword) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (userAndPassword != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String sample(String relative) throws IOException {
        return Files.readString(Path.of("src/test/resources/samples", relative), StandardCharsets.UTF_8);
    }

    private static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.toList();
        }
    }
}
