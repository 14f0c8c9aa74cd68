package vn.lienthong.gateway.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.edxml.EdxmlDocument;
import vn.lienthong.gateway.edxml.EdxmlParser;
import vn.lienthong.gateway.signature.DemoKeyMaterial;
import vn.lienthong.gateway.signature.SignatureReport;
import vn.lienthong.gateway.signature.TrustAnchors;
import vn.lienthong.gateway.signature.Verdict;
import vn.lienthong.gateway.signature.XmlSignatureVerifier;

/**
 * Documents from the agency's document office to the national document axis: built or taken ready, checked,
 * signed with the agency key, held by the demo axis, and followed per receiver; and what the API refuses.
 */
class OutgoingDocumentE2ETest extends AxisTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    private static final byte[] PDF = "%PDF-1.4\n% demo attachment\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private static ObjectNode metadata(String number) {
        ObjectNode m = JSON.createObjectNode();
        m.putObject("code").put("number", number).put("notation", "UBND-VP");
        m.put("promulgationDate", "2024-05-02");
        m.put("place", "Biên Hòa");
        m.putObject("documentType").put("type", "1").put("typeName", "Công văn");
        m.put("subject", "V/v triển khai liên thông văn bản điện tử");
        m.putObject("signer").put("competence", "KT. CHỦ TỊCH").put("position", "Phó Chủ tịch")
                .put("fullName", "Nguyễn Văn A");
        m.putArray("receivers").addObject().put("organId", "000.00.00.G22").put("organName", "Văn phòng Chính phủ");
        m.putArray("attachments").addObject().put("part", "file").put("description", "Công văn (bản PDF)");
        return m;
    }

    private static Answer submit(ObjectNode metadata) {
        return postMultipart("/api/v1/documents", DOC_OFFICE_KEY, List.of(
                new Part("document", null, "application/json", metadata.toString().getBytes(StandardCharsets.UTF_8)),
                new Part("file", "cong-van.pdf", "application/pdf", PDF)));
    }

    private static byte[] sentPackage(String axisId) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/sim/axis/sent/" + axisId)))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void aDocumentFromTheOfficeReachesTheAxisSignedAndItsReceiversStatusesAreTracked() throws Exception {
        String number = Long.toString(System.nanoTime() % 100_000_000L);
        Answer accepted = submit(metadata(number));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String documentId = accepted.json().get("documentId").asText();
        assertThat(documentId).isEqualTo(AGENCY + ",2024/05/02," + number + "/UBND-VP");
        assertThat(accepted.json().get("messageId").asText()).isNotBlank();

        await().atMost(WAIT).untilAsserted(() -> assertThat(sent(documentId)).hasSize(1));
        JsonNode held = sent(documentId).get(0);
        assertThat(held.get("serviceType").asText()).isEqualTo("eDoc");
        assertThat(held.get("from").asText()).isEqualTo(AGENCY);

        // The demo axis holds a package signed with the agency key, verifiable against the demo CA.
        byte[] signed = sentPackage(held.get("id").asText());
        TrustAnchors demoCa = TrustAnchors.load(DATA_DIR.resolve("keys").resolve(DemoKeyMaterial.CA_CERTIFICATE_FILE));
        SignatureReport report = new XmlSignatureVerifier(demoCa).verify(signed);
        assertThat(report.result()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures().get(0).signedScope()).isEqualTo("whole document");
        assertThat(new String(signed, StandardCharsets.UTF_8)).contains("cong-van.pdf").contains("cid:1");

        // The receiver answers over the axis; the gateway tracks its statuses and tells the office.
        for (String status : List.of("status_inbox_01.edxml", "status_acceptance_03.edxml")) {
            // The samples come from 000.00.00.H41; here the receiver G22 answers.
            inbox(withDocumentId(edxmlSample(status), documentId).replaceFirst(
                    "<edXML:OrganId>000.00.00.H41</edXML:OrganId>", "<edXML:OrganId>000.00.00.G22</edXML:OrganId>"));
        }
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode view = documentView(documentId).json();
            assertThat(view.get("direction").asText()).isEqualTo("OUTGOING");
            assertThat(view.get("state").asText()).isEqualTo("SENT");
            JsonNode receivers = view.get("receivers");
            JsonNode g22 = receivers.findParents("organId").stream()
                    .filter(r -> "000.00.00.G22".equals(r.get("organId").asText())).findFirst().orElseThrow();
            assertThat(g22.get("statuses").findValuesAsText("code")).containsExactly("01", "03");
            assertThat(g22.get("latest").asText()).isEqualTo("03");
            assertThat(officeReceived(documentId).get("received").findValuesAsText("statusCode"))
                    .containsExactlyInAnyOrder("01", "03");
        });
    }

    @Test
    void aDocumentLargerThanLargeSizeIsQueuedByItsClaimCheckAndReachesTheAxisSignedAndWhole() throws Exception {
        // 9 MB of scan: over gateway.axis.packages.large-size (8 MB), so the signed package waits in the claim check
        // and only its reference goes through the broker; the axis connector streams it from the file.
        byte[] scan = new byte[9 * 1024 * 1024];
        new java.util.Random(9).nextBytes(scan);
        String number = Long.toString(System.nanoTime() % 100_000_000L);
        Answer accepted = postMultipart("/api/v1/documents", DOC_OFFICE_KEY, List.of(
                new Part("document", null, "application/json", metadata(number).toString().getBytes(StandardCharsets.UTF_8)),
                new Part("file", "ban-quet.pdf", "application/pdf", scan)));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String documentId = accepted.json().get("documentId").asText();
        String messageId = accepted.json().get("messageId").asText();

        await().atMost(WAIT).untilAsserted(() -> assertThat(sent(documentId)).hasSize(1));
        byte[] signed = sentPackage(sent(documentId).get(0).get("id").asText());
        Path stored = DATA_DIR.resolve("packages").resolve(PackageStore.ref(messageId) + ".edxml");
        assertThat(stored).as("the signed package in the claim check").exists();
        assertThat(Files.readAllBytes(stored)).as("what the axis got is the stored package").isEqualTo(signed);

        TrustAnchors demoCa = TrustAnchors.load(DATA_DIR.resolve("keys").resolve(DemoKeyMaterial.CA_CERTIFICATE_FILE));
        SignatureReport report = new XmlSignatureVerifier(demoCa).verify(signed);
        assertThat(report.result()).as(report.toString()).isEqualTo(Verdict.VALID);
        EdxmlDocument document = (EdxmlDocument) new EdxmlParser().parse(new java.io.ByteArrayInputStream(signed));
        try (java.io.InputStream in = document.attachments().get(0).content().openZipEntry("ban-quet.pdf")) {
            assertThat(in.readAllBytes()).as("the scan, byte for byte").isEqualTo(scan);
        } finally {
            document.discardAttachments();
        }
    }

    @Test
    void theSameDocumentAgainIsADuplicateAndDifferentContentIsAConflict() {
        ObjectNode m = metadata(Long.toString(System.nanoTime() % 100_000_000L));
        Answer first = submit(m);
        assertThat(first.status()).isEqualTo(202);
        Answer again = submit(m);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("messageId").asText()).isEqualTo(first.json().get("messageId").asText());
        m.put("subject", "Nội dung khác");
        Answer conflict = submit(m);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aDocumentRecordedButNeverQueuedIsQueuedWhenTheOfficeSendsItAgain() {
        ObjectNode m = metadata(Long.toString(System.nanoTime() % 100_000_000L));
        Answer first = submit(m);
        assertThat(first.status()).isEqualTo(202);
        String documentId = first.json().get("documentId").asText();
        await().atMost(WAIT).untilAsserted(() -> assertThat(sent(documentId)).hasSize(1));
        await().atMost(WAIT).until(() -> "SENT".equals(documentView(documentId).json().path("state").asText()));
        // What a kill -9 between the row and the queue leaves behind: a row under a message nobody queued.
        String neverQueued = java.util.UUID.randomUUID().toString();
        jdbc.update("UPDATE edxml_document SET message_id = ?, axis_id = NULL, state = 'ACCEPTED' WHERE document_id = ?"
                + " AND direction = 'OUTGOING'", neverQueued, documentId);

        Answer again = submit(m);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("messageId").asText()).isEqualTo(neverQueued);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(viewerGet("/api/v1/messages/" + neverQueued).status()).isEqualTo(200);
            assertThat(documentView(documentId).json().path("state").asText()).isEqualTo("SENT");
        });
    }

    @Test
    void aReadyEdxmlPackageOfThisAgencyIsSignedAndSent() throws Exception {
        String documentId = freshDocumentId(AGENCY);
        String ready = withDocumentId(edxmlSample("edoc_new.edxml"), documentId)
                .replace("<edXML:OrganId>000.00.00.A80</edXML:OrganId>", "<edXML:OrganId>" + AGENCY + "</edXML:OrganId>");
        Answer accepted = post("/api/v1/documents", DOC_OFFICE_KEY, "application/xml",
                ready.getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("documentId").asText()).isEqualTo(documentId);

        await().atMost(WAIT).untilAsserted(() -> assertThat(sent(documentId)).hasSize(1));
        byte[] signed = sentPackage(sent(documentId).get(0).get("id").asText());
        TrustAnchors demoCa = TrustAnchors.load(DATA_DIR.resolve("keys").resolve(DemoKeyMaterial.CA_CERTIFICATE_FILE));
        assertThat(new XmlSignatureVerifier(demoCa).verify(signed).result()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aPackageOfAnotherAgencyIsRefused() {
        String documentId = freshDocumentId("000.00.00.A80");
        String foreign = withDocumentId(edxmlSample("edoc_new.edxml"), documentId);
        Answer refused = post("/api/v1/documents", DOC_OFFICE_KEY, "application/xml",
                foreign.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asText()).contains("000.00.00.A80").contains(AGENCY);
    }

    @Test
    void hostileXmlIsRefusedWithAClearProblem() {
        for (Map.Entry<String, String> hostile : hostilePackages().entrySet()) {
            Answer refused = post("/api/v1/documents", DOC_OFFICE_KEY, "application/xml",
                    hostile.getValue().getBytes(StandardCharsets.UTF_8));
            assertThat(refused.status()).as(hostile.getKey()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("code").asText()).as(hostile.getKey()).isEqualTo("HOSTILE_XML");
            assertThat(refused.json().get("detail").asText()).as(hostile.getKey()).contains("DOCTYPE");
        }
    }

    @Test
    void invalidMetadataIsRefusedFieldByField() {
        ObjectNode m = metadata("1");
        m.remove("subject");
        m.putArray("receivers");
        Answer refused = submit(m);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsText("pointer")).contains("/subject", "/receivers");
    }

    @Test
    void onlyTheDocumentOfficeMaySendDocumentsAndStatuses() {
        Answer oneStop = post("/api/v1/documents", "demo-one-stop-key", "application/xml", new byte[] {'<'});
        assertThat(oneStop.status()).isEqualTo(403);
        Answer status = postJson("/api/v1/documents/" + pathOf(freshDocumentId(AGENCY)) + "/status",
                "demo-one-stop-key", "{\"status\":\"03\"}");
        assertThat(status.status()).isEqualTo(403);
        Answer unknown = postJson("/api/v1/documents/" + pathOf(freshDocumentId("000.00.00.G22")) + "/status",
                DOC_OFFICE_KEY, "{\"status\":\"03\"}");
        assertThat(unknown.status()).isEqualTo(404);
        Answer noReason = postJson("/api/v1/documents/" + pathOf(freshDocumentId("000.00.00.G22")) + "/status",
                DOC_OFFICE_KEY, "{\"status\":\"02\"}");
        assertThat(noReason.status()).isEqualTo(400);
    }
}
