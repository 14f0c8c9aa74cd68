package vn.lienthong.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.process.GatewayProcess;
import vn.lienthong.gateway.process.PackagedJar;

/**
 * Tracing turned on by configuration, as an agency would: the packaged demo gateway exports a dossier's way as
 * OpenTelemetry spans to an OTLP collector (a local listener here), and its log lines carry the same trace id, so an
 * operator can go from a log line to the whole trace. With tracing off (every other test) no span is made.
 */
class TracingIT {

    private static final Pattern TRACE_IN_LOG = Pattern.compile("\\[([0-9a-f]{32}),([0-9a-f]{16})] ");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    @Test
    void aDossiersWayIsExportedAsATraceWhoseIdIsInTheLogLines() throws Exception {
        List<byte[]> exports = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                exports.add(in.readAllBytes());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        int port = GatewayProcess.freePort();
        try (PackagedJar gateway = PackagedJar.start(Path.of(System.getProperty("java.home")), List.of("-Xmx512m"),
                List.of("--server.port=" + port, "--gateway.data-dir=" + data, "--gateway.axis.enabled=false",
                        "--management.tracing.enabled=true", "--management.otlp.tracing.endpoint=http://127.0.0.1:"
                                + collector.getAddress().getPort() + "/v1/traces"), Map.of(), "tracing")) {
            gateway.awaitHealthy(port, Duration.ofSeconds(180));
            // The department refuses the dossier, so the gateway logs a dead letter from inside the dossier's trace.
            post(port, "/sim/departments/dpi-business/mode", null, "{\"mode\":\"reject\",\"dossierCode\":\"TRACE-1\"}");
            ObjectNode dossier = (ObjectNode) new ObjectMapper().readTree(Files.readString(
                    Path.of("src/test/resources/samples/dossiers/business-single.json")));
            dossier.put("dossierCode", "TRACE-1");
            assertThat(post(port, "/api/v1/dossiers", "demo-one-stop-key", dossier.toString()).statusCode())
                    .isEqualTo(202);

            String traceId = await().atMost(Duration.ofSeconds(60)).until(() -> gateway.output().lines()
                    .filter(line -> line.contains("dead-lettered")).map(TRACE_IN_LOG::matcher).filter(Matcher::find)
                    .map(m -> m.group(1)).findFirst().orElse(null), id -> id != null);
            byte[] traceIdBytes = HexFormat.of().parseHex(traceId);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(exports)
                    .as("an OTLP export holding trace " + traceId)
                    .anySatisfy(body -> assertThat(indexOf(body, traceIdBytes)).isNotNegative()));
            String exported = exports.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1))
                    .reduce("", String::concat);
            assertThat(exported).as("the spans name the service and the broker hops").contains("lienthong-gateway",
                    "gateway.delivery.dpi-business");
            // Lines outside any trace have no ids: nothing is printed where there is nothing to say.
            assertThat(gateway.output()).containsPattern("(?m)INFO \\d+ --- \\[lienthong-gateway] \\[ *main] ");
        } finally {
            collector.stop(0);
        }
    }

    private static HttpResponse<String> post(int port, String path, String apiKey, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
