package vn.lienthong.gateway.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import vn.lienthong.gateway.TestDatabase;

/**
 * The document office reached through folders (config/systems/doc-office.yml with protocol file): a gateway
 * of its own, on its own port and configuration copy, where incoming documents land as edXML files in the
 * office's inbox and the office's status files are read back from its status folder. Nothing answers by
 * itself here, unlike the REST demo office: the test writes the office's status files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("demo")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DocumentOfficeFolderE2ETest {

    private static final int PORT = freePort();
    private static final Path DATA_DIR = tempDir("gateway-doc-folder-");
    private static final Path INBOX = DATA_DIR.resolve("exchange/doc-office/inbox");
    private static final Path STATUS = DATA_DIR.resolve("exchange/doc-office/status");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void documentOfficeOverFolders(DynamicPropertyRegistry registry) throws IOException {
        Path config = tempDir("gateway-doc-folder-config-");
        FileSystemUtils.copyRecursively(Path.of("config"), config);
        Files.writeString(config.resolve("systems/doc-office.yml"), """
                id: doc-office
                name: Văn phòng UBND tỉnh – phần mềm quản lý văn bản (thư mục)
                kind: document-office
                agencyCode: 000.00.31.H19
                protocol: file
                endpoint: ${gateway.data-dir}/exchange/doc-office/inbox
                statusFolder: ${gateway.data-dir}/exchange/doc-office/status
                apiKey: demo-doc-office-key
                delivery: { maxAttempts: 8, initialDelay: 1s, multiplier: 2, maxDelay: 5m, timeout: 10s }
                """);
        registry.add("server.port", () -> PORT);
        registry.add("gateway.data-dir", DATA_DIR::toString);
        registry.add("gateway.catalog.directory", config::toString);
        TestDatabase.register(registry);
    }

    @Test
    void aDocumentLandsAsAnEdxmlFileWithASafeNameAndAStatusFileIsRelayedToTheSender() throws IOException {
        String documentId = AxisTestSupport.freshDocumentId("000.00.00.G22");
        String edxml = AxisTestSupport.withDocumentId(AxisTestSupport.edxmlSample("edoc_new.edxml"), documentId);
        inbox(edxml);

        String safe = documentId.replace(',', '_').replace('/', '-').replace("Đ", "D");
        Path delivered = await().atMost(WAIT).until(() -> inboxFile(safe), f -> f != null);
        assertThat(delivered.getFileName().toString()).matches("000\\.00\\.00\\.G22_2024-05-02_\\d+-VPCP-TTDT_.+\\.edxml");
        // The office gets the package itself, byte for byte as the sender signed it.
        assertThat(Files.readString(delivered, StandardCharsets.UTF_8)).isEqualTo(edxml);
        await().atMost(WAIT).untilAsserted(() -> assertThat(sentStatuses(documentId)).containsExactly("01"));

        dropStatusFile("accepted.xml", """
                <DocumentStatusReport xmlns="urn:lienthong-gateway:document-status:1">
                  <DocumentId>%s</DocumentId>
                  <Status>03</Status>
                  <Staff><Department>Văn thư</Department><Name>Nguyễn Văn A</Name></Staff>
                </DocumentStatusReport>
                """.formatted(documentId));

        await().atMost(WAIT).untilAsserted(() -> assertThat(sentStatuses(documentId)).containsExactly("01", "03"));
        assertThat(STATUS.resolve(".done/accepted.xml")).exists();
        assertThat(sent(documentId).get(1).get("from").asText()).isEqualTo(AxisTestSupport.AGENCY);
    }

    @Test
    void aMalformedOrUnknownStatusFileGoesToTheErrorFolderWithATrackingEvent() throws IOException {
        dropStatusFile("broken.xml", "<DocumentStatusReport xmlns=\"urn:lienthong-gateway:document-status:1\">");
        dropStatusFile("unknown.xml", """
                <DocumentStatusReport xmlns="urn:lienthong-gateway:document-status:1">
                  <DocumentId>000.00.00.G22,2024/05/02,1/NEVER-ARRIVED</DocumentId>
                  <Status>03</Status>
                </DocumentStatusReport>
                """);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(STATUS.resolve(".error/broken.xml")).exists();
            assertThat(STATUS.resolve(".error/unknown.xml")).exists();
            List<String> details = rejected().stream().map(m -> m.get("lastDetail").asText()).toList();
            assertThat(details).anySatisfy(d -> assertThat(d).contains("broken.xml").contains("MALFORMED_REQUEST"));
            assertThat(details).anySatisfy(d -> assertThat(d).contains("unknown.xml").contains("NOT_FOUND")
                    .contains("NEVER-ARRIVED"));
        });
    }

    private static Path inboxFile(String safeDocumentId) throws IOException {
        if (!Files.isDirectory(INBOX)) {
            return null;
        }
        try (Stream<Path> files = Files.list(INBOX)) {
            return files.filter(f -> f.getFileName().toString().startsWith(safeDocumentId + "_")).findFirst()
                    .orElse(null);
        }
    }

    /** Written under a name the reader ignores, then renamed, as the office's own writer should. */
    private static void dropStatusFile(String name, String xml) throws IOException {
        Files.createDirectories(STATUS);
        Path temp = STATUS.resolve("." + name + ".tmp");
        Files.writeString(temp, xml, StandardCharsets.UTF_8);
        Files.move(temp, STATUS.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void inbox(String edxml) {
        JsonNode answer = send(HttpRequest.newBuilder(uri("/sim/axis/inbox")).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(edxml, StandardCharsets.UTF_8)));
        assertThat(answer.has("id")).as("inbox answer %s", answer).isTrue();
    }

    private static List<JsonNode> sent(String documentId) {
        JsonNode list = send(HttpRequest.newBuilder(uri("/sim/axis/sent?documentId="
                + URLEncoder.encode(documentId, StandardCharsets.UTF_8))).GET());
        return StreamSupport.stream(list.spliterator(), false).toList();
    }

    private static List<String> sentStatuses(String documentId) {
        return sent(documentId).stream().filter(p -> "Status".equals(p.get("serviceType").asText()))
                .map(p -> p.get("statusCode").asText()).toList();
    }

    /** The messages the gateway tracks as REJECTED for the document office's statuses. */
    private static List<JsonNode> rejected() {
        JsonNode page = send(HttpRequest.newBuilder(uri("/api/v1/messages?system=doc-office&flow=edxml-status"
                + "&state=REJECTED")).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                "operator:operator-demo".getBytes(StandardCharsets.UTF_8))).GET());
        return StreamSupport.stream(page.get("items").spliterator(), false).toList();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + PORT + path);
    }

    private static JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
