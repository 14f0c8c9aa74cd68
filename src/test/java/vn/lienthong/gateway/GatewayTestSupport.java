package vn.lienthong.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end tests: the whole gateway in the demo profile, on its own port and data folder,
 * with the embedded broker, the embedded database and the simulators. Subclasses share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureObservability
@ActiveProfiles("demo")
public abstract class GatewayTestSupport {

    protected static final int PORT = freePort();
    protected static final Path DATA_DIR = tempDir();
    protected static final String ONE_STOP_KEY = "demo-one-stop-key";
    protected static final String DPI_KEY = "demo-dpi-business-key";
    protected static final String IZB_KEY = "demo-izb-investment-key";
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("gateway.data-dir", DATA_DIR::toString);
        registry.add("gateway.demo.report-delay", () -> "100ms");
        registry.add("gateway.delivery.circuit-open-duration", () -> "2s");
        registry.add("gateway.metrics.gauge-refresh", () -> "1s");
        TestDatabase.register(registry);
    }

    /** An HTTP answer with its body parsed as JSON when it is JSON. */
    public record Answer(int status, String contentType, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    protected static String url(String path) {
        return "http://127.0.0.1:" + PORT + path;
    }

    protected static Answer post(String path, String apiKey, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return send(request.build());
    }

    protected static Answer postJson(String path, String apiKey, String json) {
        return post(path, apiKey, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    protected static Answer get(String path, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.GET().build());
    }

    protected static Answer operatorPost(String path, String json) {
        return postAs("operator", "operator-demo", path, json);
    }

    protected static Answer postAs(String user, String password, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json, StandardCharsets.UTF_8));
        return send(request.build());
    }

    protected static Answer operatorGet(String path) {
        return get(path, "operator", "operator-demo");
    }

    /** Sets a simulator's mode for the whole system, or for one dossier. */
    protected static void simMode(String system, String mode, String dossierCode) {
        String path = system.equals("one-stop") ? "/sim/one-stop/mode" : "/sim/departments/" + system + "/mode";
        String body = dossierCode == null ? "{\"mode\":\"" + mode + "\"}"
                : "{\"mode\":\"" + mode + "\",\"dossierCode\":\"" + dossierCode + "\"}";
        Answer answer = postJson(path, null, body);
        if (answer.status() != 200) {
            throw new AssertionError("simulator mode not set: " + answer);
        }
    }

    protected static Answer viewerGet(String path) {
        return get(path, "viewer", "viewer-demo");
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A shared sample file (../shared/samples), falling back to the copy in the test resources. */
    protected static String sample(String relative) {
        try {
            Path shared = Path.of("..", "shared", "samples", relative);
            Path local = Path.of("src", "test", "resources", "samples", relative);
            return Files.readString(Files.exists(local) ? local : shared, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("sample " + relative + " missing", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("gateway-test-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
