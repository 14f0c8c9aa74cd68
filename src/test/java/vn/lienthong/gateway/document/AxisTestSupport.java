package vn.lienthong.gateway.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import vn.lienthong.gateway.GatewayTestSupport;

/** Helpers of the document-axis end-to-end tests: samples with fresh document ids, the simulators' views. */
abstract class AxisTestSupport extends GatewayTestSupport {

    static final String DOC_OFFICE_KEY = "demo-doc-office-key";
    /** The DocumentId every shared sample carries (documents in MessageHeader, statuses in ResponseFor). */
    static final String SAMPLE_DOCUMENT_ID = "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT";
    static final String AGENCY = "000.00.31.H19";

    private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis() % 1_000_000L * 1000);

    /** A sample package as text. */
    static String edxmlSample(String file) {
        try {
            return Files.readString(Path.of("src/test/resources/edxml/samples", file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("sample " + file + " missing", e);
        }
    }

    /** A fresh DocumentId in the samples' style, so tests sharing the database never meet. */
    static String freshDocumentId(String agency) {
        return agency + ",2024/05/02," + SEQ.incrementAndGet() + "/VPCP-TTĐT";
    }

    /** The sample with its DocumentId (and every reference to it) replaced. */
    static String withDocumentId(String sample, String documentId) {
        return sample.replace(SAMPLE_DOCUMENT_ID, documentId);
    }

    /** Queues a package on the demo axis for the gateway; returns the axis id. */
    static String inbox(String edxml) {
        Answer answer = post("/sim/axis/inbox", null, "application/xml", edxml.getBytes(StandardCharsets.UTF_8));
        if (answer.status() != 202) {
            throw new AssertionError("inbox refused: " + answer);
        }
        return answer.json().get("id").asText();
    }

    /** The demo axis's view of a package queued for the gateway (status pending/processing/done/fail). */
    static JsonNode inboxItem(String axisId) {
        for (JsonNode item : get("/sim/axis/inbox", null, null).json()) {
            if (item.get("id").asText().equals(axisId)) {
                return item;
            }
        }
        throw new AssertionError("no inbox item " + axisId);
    }

    /** What the gateway sent to the axis about one document, oldest first. */
    static List<JsonNode> sent(String documentId) {
        JsonNode list = get("/sim/axis/sent?documentId=" + encode(documentId), null, null).json();
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).toList();
    }

    /** The status codes the gateway sent to the axis about one document, in order. */
    static List<String> sentStatuses(String documentId) {
        return sent(documentId).stream().filter(p -> "Status".equals(p.get("serviceType").asText()))
                .map(p -> p.get("statusCode").asText()).toList();
    }

    /** What the demo document office received about one document. */
    static JsonNode officeReceived(String documentId) {
        return get("/sim/doc-office/received?documentId=" + encode(documentId), null, null).json();
    }

    /** {@code GET /api/v1/documents/{documentId}} as a viewer. */
    static Answer documentView(String documentId) {
        return viewerGet("/api/v1/documents/" + pathOf(documentId));
    }

    /** A document id in a path: '/' stays a separator, the rest is percent-encoded. */
    static String pathOf(String documentId) {
        return org.springframework.web.util.UriUtils.encodePath(documentId, StandardCharsets.UTF_8);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A multipart/form-data body: parts of name to (file name or null, content type, bytes). */
    record Part(String name, String fileName, String contentType, byte[] content) {
    }

    static Answer postMultipart(String path, String apiKey, List<Part> parts) {
        String boundary = "----gateway-test-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
            if (part.fileName() != null) {
                head.append("; filename=\"").append(part.fileName()).append('"');
            }
            head.append("\r\nContent-Type: ").append(part.contentType()).append("\r\n\r\n");
            body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post(path, apiKey, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    static Map<String, String> hostilePackages() {
        String root = "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">";
        return Map.of(
                "XXE", "<?xml version=\"1.0\"?>\n<!DOCTYPE edXML [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                        + root + "&xxe;</edXML>",
                "entity expansion", "<?xml version=\"1.0\"?>\n<!DOCTYPE edXML [<!ENTITY a \"aaaaaaaaaa\">"
                        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                        + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>\n" + root + "&d;</edXML>",
                "external DTD", "<?xml version=\"1.0\"?>\n<!DOCTYPE edXML SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n"
                        + root + "</edXML>");
    }
}
