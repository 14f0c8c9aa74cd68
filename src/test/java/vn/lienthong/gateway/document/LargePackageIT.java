package vn.lienthong.gateway.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.process.GatewayProcess;
import vn.lienthong.gateway.process.LargePackageAxis;
import vn.lienthong.gateway.signature.SignatureReport;
import vn.lienthong.gateway.signature.StreamingXmlSignatureVerifier;
import vn.lienthong.gateway.signature.TrustAnchors;
import vn.lienthong.gateway.signature.Verdict;

/**
 * Large packages both ways through a packaged gateway whose heap (256 MB) is smaller than them. In: a 200 MB edXML package from the national document axis to the document office through a packaged gateway whose
 * heap (256 MB) is smaller than the package: taken to disk as it arrives (the claim check), its signature checked
 * while streaming (VALID, under the reject policy), acknowledged done, and kept through a SIGKILL of the gateway
 * while the office is down; after the restart the office fetches it by its link and gets exactly the signed bytes.
 */
class LargePackageIT {

    private static final int ATTACHMENT_MB = Integer.getInteger("it.large-package.attachment-mb", 150);
    private static final String HEAP = "256m";

    @TempDir
    Path work;

    @Test
    void a200MegabytePackageFlowsThroughA256MegabyteHeapAndSurvivesAKill() throws Exception {
        LargePackageAxis.Sender sender = LargePackageAxis.Sender.create(work, "Bo Noi vu (test)");
        Path edxml = work.resolve("large.edxml");
        long t0 = System.nanoTime();
        long size = LargePackageAxis.write(edxml, ATTACHMENT_MB, sender.key());
        String sha256 = LargePackageAxis.sha256(edxml);
        double written = (System.nanoTime() - t0) / 1e9;

        int axisPort = GatewayProcess.freePort();
        int officePort = GatewayProcess.freePort();
        Path gcLogs = Files.createDirectories(work.resolve("gc"));
        try (LargePackageAxis stubs = new LargePackageAxis(axisPort, officePort, edxml);
             GatewayProcess gateway = new GatewayProcess(work.resolve("gateway"), officePort,
                     "{ maxAttempts: 5, initialDelay: 500ms, multiplier: 2, maxDelay: 5s, timeout: 10s }")) {
            withAxisAndOffice(gateway, axisPort, officePort, gcLogs, "--gateway.axis.poll-interval=1s",
                    "--gateway.axis.trust-anchors=" + sender.trustAnchor(),
                    "--gateway.axis.signature-policy.default-policy=reject");
            stubs.officeDown.set(true);
            gateway.start("large-first");
            long taken = System.nanoTime();
            stubs.offer(gateway.baseUrl());

            // Taken, checked and durable; the office is down, so it waits in the gateway.
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250)).until(() ->
                    stubs.refusedWhileDown.get() > 0 || stubs.acknowledgedFail.get() != null
                            || gateway.output().contains("OutOfMemoryError"));
            assertThat(gateway.output()).doesNotContain("OutOfMemoryError");
            assertThat(stubs.acknowledgedFail.get()).as("the axis was told fail").isNull();
            assertThat(stubs.acknowledgedDone.get()).as("acknowledged done once durable").isTrue();
            double checked = (System.nanoTime() - taken) / 1e9;

            assertThat(gateway.killNine()).isEqualTo(137);
            gateway.start("large-second");
            stubs.offer(gateway.baseUrl());
            stubs.officeDown.set(false);
            long restarted = System.nanoTime();

            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250))
                    .until(() -> stubs.officeMessage.get() != null || gateway.output().contains("OutOfMemoryError"));
            assertThat(gateway.output()).doesNotContain("OutOfMemoryError");
            double fetched = (System.nanoTime() - restarted) / 1e9;

            JsonNode message = stubs.officeMessage.get();
            assertThat(message.has("edxml")).as("no Base64 package inside the message").isFalse();
            assertThat(message.at("/edxmlLink/size").asLong()).isEqualTo(size);
            assertThat(message.at("/edxmlLink/sha256").asText()).isEqualTo(sha256);
            assertThat(stubs.fetchedSha256.get()).as("the office got exactly the signed bytes").isEqualTo(sha256);
            assertThat(message.at("/signature/result").asText()).isEqualTo("VALID");
            assertThat(message.at("/signature/package/signatures/0/notes").toString()).contains("streaming");

            long heap = heapPeak(gcLogs);
            String figures = String.format("LARGE PACKAGE: %.0f MB edXML (%d MB attachment, signed, written in %.1f s):"
                            + " taken, checked (VALID, streaming) and acknowledged in %.1f s; after SIGKILL and restart"
                            + " fetched by the office in %.1f s; heap peak %d MiB of -Xmx%s",
                    size / 1048576.0, ATTACHMENT_MB, written, checked, fetched, heap, HEAP);
            System.out.println(figures);
            Files.writeString(Path.of("target", "large-package-figures.txt"), figures + System.lineSeparator());
            assertThat(size).isGreaterThan(200L * 1000 * 1000);
        }
    }

    /**
     * The other direction: the document office sends a document with a 150 MB scan (multipart) to a gateway with a
     * 256 MB heap. The file goes to disk as it arrives; the package is written, checked and signed from files; it
     * waits in the claim check while the axis is down, through a SIGKILL; after the restart the axis gets a package
     * whose signature is VALID (checked while streaming, against the gateway's CA) and whose attachment is the scan.
     */
    @Test
    void a200MegabyteDocumentFromTheOfficeIsSignedAndSentThroughA256MegabyteHeapAndSurvivesAKill() throws Exception {
        Path scan = work.resolve("scan.pdf");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(scan), 1 << 20)) {
            byte[] chunk = new byte[1024 * 1024];
            java.util.Random random = new java.util.Random(15);
            for (int i = 0; i < ATTACHMENT_MB; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        String scanSha256 = LargePackageAxis.sha256(scan);
        int axisPort = GatewayProcess.freePort();
        int officePort = GatewayProcess.freePort();
        Path gcLogs = Files.createDirectories(work.resolve("gc"));
        Path offered = work.resolve("nothing-offered.edxml");
        try (LargePackageAxis stubs = new LargePackageAxis(axisPort, officePort, offered);
             GatewayProcess gateway = new GatewayProcess(work.resolve("gateway"), officePort,
                     "{ maxAttempts: 5, initialDelay: 500ms, multiplier: 2, maxDelay: 5s, timeout: 10s }")) {
            withAxisAndOffice(gateway, axisPort, officePort, gcLogs, "--gateway.axis.poll-interval=1h");
            stubs.axisDown.set(true);
            gateway.start("send-first");

            long t0 = System.nanoTime();
            HttpResponse<String> answer = submitDocument(gateway.baseUrl(), scan);
            double accepted = (System.nanoTime() - t0) / 1e9;
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
            String documentId = body.path("documentId").asText();
            assertThat(documentId).isEqualTo("000.00.31.H19,2024/05/02,150/UBND-VP");

            // Queued durably (the axis refuses it for now), then the gateway is killed.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> stubs.refusedSends.get() > 0 || gateway.output().contains("OutOfMemoryError"));
            assertThat(gateway.output()).doesNotContain("OutOfMemoryError");
            assertThat(gateway.killNine()).isEqualTo(137);
            stubs.axisDown.set(false);
            gateway.start("send-second");
            long restarted = System.nanoTime();

            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250))
                    .until(() -> stubs.sentPackage.get() != null || gateway.output().contains("OutOfMemoryError"));
            assertThat(gateway.output()).doesNotContain("OutOfMemoryError");
            double sent = (System.nanoTime() - restarted) / 1e9;
            Path received = stubs.sentPackage.get();
            long size = Files.size(received);

            SignatureReport report = new StreamingXmlSignatureVerifier(TrustAnchors.load(work.resolve(
                    "gateway/data/keys/" + vn.lienthong.gateway.signature.DemoKeyMaterial.CA_CERTIFICATE_FILE)))
                    .verify(received);
            assertThat(report.result()).as(report.toString()).isEqualTo(Verdict.VALID);
            vn.lienthong.gateway.edxml.EdxmlDocument document = (vn.lienthong.gateway.edxml.EdxmlDocument)
                    new vn.lienthong.gateway.edxml.EdxmlParser().parse(received);
            try {
                assertThat(document.messageHeader().documentId()).isEqualTo(documentId);
                assertThat(document.attachments()).hasSize(1);
                var content = document.attachments().get(0).content();
                java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
                try (java.io.InputStream in = content.openZipEntry("scan.pdf")) {
                    in.transferTo(new java.security.DigestOutputStream(OutputStream.nullOutputStream(), digest));
                }
                assertThat(java.util.HexFormat.of().formatHex(digest.digest()))
                        .as("the axis got the office's scan, byte for byte").isEqualTo(scanSha256);
            } finally {
                document.discardAttachments();
            }

            long heap = heapPeak(gcLogs);
            String figures = String.format("LARGE DOCUMENT SENT: %d MB scan from the office (multipart) accepted in"
                            + " %.1f s, a %.0f MB signed edXML package; after SIGKILL and restart sent to the axis in"
                            + " %.1f s (signature VALID, streaming check); heap peak %d MiB of -Xmx%s",
                    ATTACHMENT_MB, accepted, size / 1048576.0, sent, heap, HEAP);
            System.out.println(figures);
            Files.writeString(Path.of("target", "large-document-figures.txt"), figures + System.lineSeparator());
            assertThat(size).isGreaterThan(200L * 1000 * 1000);
        }
    }

    /** The stub axis and office as the gateway's systems, a 256 MB heap with a GC log, and {@code arguments}. */
    private static void withAxisAndOffice(GatewayProcess gateway, int axisPort, int officePort, Path gcLogs,
                                          String... arguments) throws java.io.IOException {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("--gateway.axis.request-timeout=120s"));
        all.addAll(java.util.List.of(arguments));
        gateway.withConfigFile("systems/national-axis.yml", LargePackageAxis.axisSystem(axisPort))
                .withConfigFile("systems/doc-office.yml", LargePackageAxis.officeSystem(officePort))
                .withAxis()
                .withArguments(all.toArray(String[]::new))
                .withJvmOptions("-Xmx" + HEAP, "-Xlog:gc:file=" + gcLogs.resolve("gc-%p.log"));
    }

    /** The largest heap after a collection in the gateway's GC logs (every run of the test). */
    private static long heapPeak(Path gcLogs) throws Exception {
        long heap = 0;
        try (Stream<Path> logs = Files.list(gcLogs)) {
            for (Path log : logs.toList()) {
                heap = Math.max(heap, LargePackageAxis.heapPeakMiB(log));
            }
        }
        return heap;
    }

    /** {@code POST /api/v1/documents}, multipart: the metadata and the scan, streamed from its file. */
    private static HttpResponse<String> submitDocument(String baseUrl, Path scan) throws Exception {
        String boundary = "large-document-boundary-7d1f";
        String metadata = """
                {"code": {"number": "150", "notation": "UBND-VP"}, "promulgationDate": "2024-05-02",
                 "documentType": {"type": "1", "typeName": "Công văn"},
                 "subject": "V/v gửi hồ sơ quét khổ lớn",
                 "receivers": [{"organId": "000.00.00.G22", "organName": "Văn phòng Chính phủ"}],
                 "attachments": [{"part": "file", "description": "Hồ sơ quét (PDF)"}]}""";
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"document.json\""
                + "\r\nContent-Type: application/json\r\n\r\n" + metadata + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/documents"))
                .timeout(Duration.ofMinutes(5))
                .header("X-Api-Key", LargePackageAxis.OFFICE_KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                        HttpRequest.BodyPublishers.ofFile(scan),
                        HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.UTF_8)))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
