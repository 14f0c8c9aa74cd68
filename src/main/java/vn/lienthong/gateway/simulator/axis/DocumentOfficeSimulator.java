package vn.lienthong.gateway.simulator.axis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import vn.lienthong.gateway.document.NationalAxisFeature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.SystemKind;
import vn.lienthong.gateway.simulator.SimulatedSystem;
import vn.lienthong.gateway.simulator.SimulatorMode;

/**
 * The demo document office software under {@code /sim/doc-office}: receives what arrives over the axis and,
 * like the department simulators, answers by itself through the gateway's API: a document is accepted (03),
 * assigned (04), handled (05) and completed (06); a recall (status 13 or a recall package) is agreed (15).
 * {@code GET /sim/doc-office/received?documentId=} lists what it got; {@code POST /sim/doc-office/mode}
 * switches it up, down, slow or reject.
 */
@NationalAxisFeature
@RestController
@RequestMapping("/sim/doc-office")
@Profile("demo")
public class DocumentOfficeSimulator {

    private static final Logger log = LoggerFactory.getLogger(DocumentOfficeSimulator.class);
    private static final int MAX_REPORT_ATTEMPTS = 5;

    private final SimulatedSystem office = new SimulatedSystem("doc-office");
    private final ObjectMapper mapper;
    private final Catalog catalog;
    private final String gatewayUrl;
    private final Duration reportDelay;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "sim-doc-office-reporter");
        t.setDaemon(true);
        return t;
    });

    public DocumentOfficeSimulator(ObjectMapper mapper, Catalog catalog,
                                   @Value("${gateway.demo.base-url}") String gatewayUrl,
                                   @Value("${gateway.demo.report-delay:300ms}") Duration reportDelay) {
        this.mapper = mapper;
        this.catalog = catalog;
        this.gatewayUrl = gatewayUrl;
        this.reportDelay = reportDelay;
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    /** A document or status from the gateway (the rest-sink's POST). */
    @PostMapping("/documents")
    public ResponseEntity<Map<String, Object>> receive(@RequestBody byte[] body,
                                                       @RequestHeader(value = "Idempotency-Key", required = false)
                                                       String key) throws Exception {
        switch (office.mode()) {
            case DOWN:
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .body(Map.of("error", "doc-office is down for maintenance"));
            case SLOW:
                TimeUnit.SECONDS.sleep(5);
                break;
            case REJECT:
                return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("error", "BUSINESS_RULE", "message", "Văn bản không được tiếp nhận"));
            default:
                break;
        }
        ObjectNode json = (ObjectNode) mapper.readTree(body);
        String documentId = json.path("documentId").asText(null);
        // The listing shows the metadata; the package itself is only counted. A large one comes as a link, which
        // this office follows at once, as a real one would, streaming the package and checking its SHA-256.
        if (json.has("edxmlLink")) {
            fetch(json);
        } else {
            json.put("edxmlSize", json.path("edxml").asText("").length());
            json.remove("edxml");
        }
        if (office.record(key, documentId, json)) {
            List<String> answers = answers(json);
            if (!answers.isEmpty()) {
                scheduler.schedule(() -> report(documentId, answers, 0, 1), reportDelay.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
        return ResponseEntity.ok(Map.of("received", true));
    }

    @GetMapping("/received")
    public Map<String, Object> received(@RequestParam(required = false) String documentId) {
        return office.summary(documentId);
    }

    @PostMapping("/mode")
    public ResponseEntity<Map<String, Object>> mode(@RequestBody Map<String, String> body) {
        SimulatorMode mode = SimulatorMode.parse(body.get("mode"));
        if (mode == null) {
            return ResponseEntity.badRequest().body(Map.of("error", "mode must be up, down, slow or reject"));
        }
        office.mode(mode);
        return ResponseEntity.ok(Map.of("system", "doc-office", "mode", mode.name().toLowerCase()));
    }

    /** What a clerk would answer: handle a document to the end, agree to a recall. */
    private static List<String> answers(JsonNode json) {
        if ("document".equals(json.path("kind").asText())) {
            return "RECALL".equals(json.path("businessType").asText()) ? List.of("15")
                    : List.of("03", "04", "05", "06");
        }
        if ("13".equals(json.path("statusCode").asText()) && "INCOMING".equals(json.path("documentDirection").asText())) {
            return List.of("15");
        }
        return List.of();
    }

    private void report(String documentId, List<String> statuses, int index, int attempt) {
        if (index >= statuses.size()) {
            return;
        }
        String status = statuses.get(index);
        try {
            ObjectNode body = mapper.createObjectNode();
            body.put("status", status);
            body.put("description", switch (status) {
                case "03" -> "Văn thư đã tiếp nhận, vào sổ văn bản đến";
                case "04" -> "Đã phân công cho chuyên viên xử lý";
                case "05" -> "Chuyên viên đang xử lý";
                case "06" -> "Đã xử lý xong";
                case "15" -> "Đồng ý thu hồi văn bản";
                default -> "Trạng thái " + status;
            });
            body.putObject("staff").put("department", "Văn phòng").put("name", "Văn thư (mô phỏng)");
            HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/documents/"
                            + UriUtils.encodePath(documentId, StandardCharsets.UTF_8) + "/status"))
                    .header("Content-Type", "application/json")
                    .header("X-Api-Key", apiKey())
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("gateway answered " + response.statusCode() + ": " + response.body());
            }
            scheduler.schedule(() -> report(documentId, statuses, index + 1, 1), reportDelay.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (attempt >= MAX_REPORT_ATTEMPTS) {
                log.warn("Simulated doc-office gives up reporting {} for {}: {}", status, documentId, e.toString());
                return;
            }
            log.warn("Simulated doc-office could not report {} for {} (attempt {}): {}", status, documentId, attempt,
                    e.toString());
            scheduler.schedule(() -> report(documentId, statuses, index, attempt + 1), 1, TimeUnit.SECONDS);
        }
    }

    /** Follows {@code edxmlLink}: records the bytes received and whether they match the announced SHA-256. */
    private void fetch(ObjectNode json) throws Exception {
        JsonNode link = json.path("edxmlLink");
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + link.path("href").asText()))
                .header("X-Api-Key", apiKey())
                .timeout(Duration.ofMinutes(5))
                .GET()
                .build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the gateway answered " + response.statusCode() + " for "
                        + link.path("href").asText() + ": " + new String(in.readNBytes(300), StandardCharsets.UTF_8));
            }
            java.security.MessageDigest digest = vn.lienthong.gateway.support.Sha256.newDigest();
            long size = in.transferTo(new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(),
                    digest));
            json.put("edxmlFetched", size);
            json.put("edxmlSha256Matches", java.util.HexFormat.of().formatHex(digest.digest())
                    .equals(link.path("sha256").asText()));
        }
    }

    private String apiKey() {
        return catalog.systems().stream().filter(s -> s.kind() == SystemKind.DOCUMENT_OFFICE).findFirst()
                .flatMap(s -> s.apiKeys().demoKey()).orElseThrow(() ->
                        new IllegalStateException("the demo document office needs its committed demo key"));
    }
}
