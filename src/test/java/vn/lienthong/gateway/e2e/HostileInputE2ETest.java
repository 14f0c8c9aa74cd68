package vn.lienthong.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.document.DocumentErrors;
import vn.lienthong.gateway.document.DocumentStatusFiles;
import vn.lienthong.gateway.dossier.StatusXml;
import vn.lienthong.gateway.edxml.AttachmentContent;
import vn.lienthong.gateway.edxml.EdxmlException;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.error.Problems;

/**
 * Issue 8 part 4: one table of hostile and inconsistent inputs across every entry point (REST JSON, multipart,
 * edXML over HTTP, SOAP through CXF, result and status files, zipped edXML attachments, the actuator). Each
 * is refused with a 4xx problem naming the reason (SOAP: a Client fault), never leaks a file's content and never
 * reaches a URL it names (a local listener counts every request); afterwards the gateway is healthy, accepts a
 * good dossier and its heap has not grown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputE2ETest extends GatewayTestSupport {

    private static final String DOC_OFFICE_KEY = "demo-doc-office-key";
    private static final String SECRET = "SECRET-FILE-CONTENT-" + System.nanoTime();
    private static final AtomicInteger LISTENER_HITS = new AtomicInteger();
    private static HttpServer listener;
    private static Path secretFile;

    @Autowired
    StatusXml statusXml;
    @Autowired
    DocumentStatusFiles documentStatusFiles;

    private String routedDossier;
    private long heapBefore;

    /** What an entry point answered: HTTP status and body, or the error a file or attachment reader threw. */
    record Outcome(int status, String body) {
    }

    /** One row: entry point, what is sent, the status expected and a word the reason must contain. */
    record Case(String entry, String name, Supplier<Outcome> send, int status, String reason) {
        @Override
        public String toString() {
            return entry + ": " + name;
        }
    }

    @BeforeAll
    void startListenerAndRouteADossier() throws Exception {
        listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        listener.createContext("/", exchange -> {
            LISTENER_HITS.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        listener.start();
        secretFile = Files.createTempFile("gateway-secret", ".txt");
        Files.writeString(secretFile, SECRET);
        ObjectNode d = DossierFlowE2ETest.dossier("business-single.json");
        routedDossier = d.get("dossierCode").asText();
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> viewerGet("/api/v1/dossiers/" + routedDossier).json()
                .path("steps").findValuesAsText("state").stream().anyMatch(s -> !s.equals("PENDING")));
        heapBefore = usedHeapAfterGc();
    }

    @AfterAll
    void stopListener() throws IOException {
        listener.stop(0);
        Files.deleteIfExists(secretFile);
    }

    Stream<Arguments> cases() {
        List<Case> all = new ArrayList<>();
        dossierCases(all);
        departmentStatusCases(all);
        documentCases(all);
        soapCases(all);
        fileCases(all);
        zipCases(all);
        actuatorCases(all);
        return all.stream().map(c -> Arguments.of(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithAReasonAndLeaksNothing(Case c) {
        Outcome outcome = c.send().get();
        assertThat(outcome.status()).as(c + " -> " + outcome.body()).isEqualTo(c.status());
        assertThat(outcome.body()).as(c.toString()).contains(c.reason()).doesNotContain(SECRET)
                .doesNotContain("root:x:0:0");
        assertThat(LISTENER_HITS.get()).as("a URL in " + c + " was fetched").isZero();
    }

    @Test
    void afterwardsTheGatewayIsHealthyAcceptsAGoodDossierAndNeverFetchedItsUrl() throws Exception {
        isRefusedWithAReasonAndLeaksNothing(cases().findFirst().map(a -> (Case) a.get()[0]).orElseThrow());
        assertThat(get("/actuator/health", null, null).status()).isEqualTo(200);
        ObjectNode good = DossierFlowE2ETest.dossier("business-single.json");
        ((ObjectNode) good.withArray("documents").addObject()).put("name", "ban-ve.pdf")
                .put("url", "http://127.0.0.1:" + listener.getAddress().getPort() + "/ban-ve.pdf");
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, good.toString()).status()).isEqualTo(202);
        String code = good.get("dossierCode").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> viewerGet("/api/v1/dossiers/" + code).json()
                .path("steps").findValuesAsText("state").stream().anyMatch(s -> !s.equals("PENDING")));
        assertThat(LISTENER_HITS.get()).as("the document's URL was fetched").isZero();
        // Memory is flat: the hostile inputs (bombs, deep nesting, oversized bodies) left nothing behind.
        assertThat(usedHeapAfterGc() - heapBefore).isLessThan(96L * 1024 * 1024);
    }

    @Test
    void aDocumentIdMayBeGivenWithAnEncodedSlash() {
        Answer answer = viewerGet("/api/v1/documents/000.00.31.H19,2024%2F05%2F02,1%2FUBND-VP");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asText()).contains("000.00.31.H19,2024/05/02,1/UBND-VP");
    }

    // ---- REST JSON: dossiers -------------------------------------------------------------------------------

    private void dossierCases(List<Case> all) {
        String e = "POST /api/v1/dossiers";
        all.add(new Case(e, "declared SHA-256 does not match the content", dossier(d -> doc(d).put("sha256",
                "0".repeat(64))), 400, "/documents/0/sha256"));
        String[][] names = {{"path separator", "a/b.txt"}, {"backslash", "a\\\\b.txt"}, {"climbs out", "../../etc/passwd"},
                {"absolute", "/etc/passwd"}, {"drive letter", "C:boot.ini"}, {"NUL in name", "a\\u0000.txt"},
                {"reserved CON", "CON"}, {"reserved nul.txt", "nul.txt"}, {"reserved COM1", "com1.pdf"},
                {"dot", "."}, {"dot dot", ".."}, {"trailing dot", "hoso."}};
        for (String[] n : names) {
            all.add(new Case(e, "document name: " + n[0], dossierRaw(n[1]), 400, "/documents/0/name"));
        }
        String[][] controls = {{"NUL", "\\u0000"}, {"BEL", "\\u0007"}, {"ESC", "\\u001b"}, {"VT", "\\u000b"},
                {"US", "\\u001f"}};
        for (String[] c : controls) {
            all.add(new Case(e, c[0] + " in applicant name", dossierText("/applicant/name", "Nguyễn" + c[1] + "Văn"),
                    400, "/applicant/name"));
        }
        all.add(new Case(e, "control character in summary", dossierText("/summary", "a\\u0002b"), 400, "/summary"));
        all.add(new Case(e, "duplicate key at the top", raw(e, ONE_STOP_KEY,
                "{\"dossierCode\":\"A\",\"dossierCode\":\"B\"}"), 400, "Duplicate field"));
        all.add(new Case(e, "duplicate key in applicant", raw(e, ONE_STOP_KEY,
                "{\"applicant\":{\"name\":\"a\",\"name\":\"b\"}}"), 400, "Duplicate field"));
        all.add(new Case(e, "gzip body", gzip("/api/v1/dossiers", ONE_STOP_KEY, "application/json"), 415,
                "Content-Encoding"));
        all.add(new Case(e, "deflate body", () -> http(HttpRequest.newBuilder(URI.create(url("/api/v1/dossiers")))
                .header("X-Api-Key", ONE_STOP_KEY).header("Content-Type", "application/json")
                .header("Content-Encoding", "deflate").POST(HttpRequest.BodyPublishers.ofString("{}"))), 415,
                "uncompressed"));
        all.add(new Case(e, "body over the limit", () -> {
            byte[] big = new byte[21 * 1024 * 1024];
            java.util.Arrays.fill(big, (byte) ' ');
            return outcome(post("/api/v1/dossiers", ONE_STOP_KEY, "application/json", big));
        }, 413, "PAYLOAD_TOO_LARGE"));
        all.add(new Case(e, "nesting 5000 deep", raw(e, ONE_STOP_KEY, "{\"a\":".repeat(5000) + "1"
                + "}".repeat(5000)), 400, "MALFORMED_REQUEST"));
        all.add(new Case(e, "trailing content", raw(e, ONE_STOP_KEY, "{} {}"), 400, "MALFORMED_REQUEST"));
        all.add(new Case(e, "a 100-digit number", raw(e, ONE_STOP_KEY, "{\"revision\":" + "9".repeat(100) + "}"),
                400, "MALFORMED_REQUEST"));
        all.add(new Case(e, "a number with a huge exponent (found by fuzzing)", raw(e, ONE_STOP_KEY,
                "{\"revision\":2222222222222262222E22222222222222222222222222222222222222}"), 400, "number"));
        all.add(new Case(e, "content that is not base64", dossier(d -> doc(d).put("content", "%%%not-base64%%%")),
                400, "/documents/0/content"));
        all.add(new Case(e, "a URL that is not http(s), pointing at a file", dossier(d -> {
            ObjectNode doc = doc(d);
            doc.remove("content");
            doc.remove("sha256");
            doc.put("url", secretFile.toUri().toString());
        }), 400, "/documents/0/url"));
    }

    // ---- REST JSON: department statuses --------------------------------------------------------------------

    private void departmentStatusCases(List<Case> all) {
        String e = "POST /api/v1/dossiers/{code}/status";
        all.add(new Case(e, "NUL in note", status(s -> s.put("note", "xong\u0000")), 400, "/note"));
        all.add(new Case(e, "control character in handler", status(s -> s.put("handler", "A\u0008B")), 400,
                "/handler"));
        all.add(new Case(e, "result name with a path", status(s -> s.putArray("results").addObject()
                .put("name", "../ket-qua.pdf").put("url", "http://127.0.0.1:" + listener.getAddress().getPort()
                        + "/r.pdf")), 400, "/results/0/name"));
        all.add(new Case(e, "result SHA-256 does not match", status(s -> s.putArray("results").addObject()
                .put("name", "kq.txt").put("content", "a2V0IHF1YQ==").put("sha256", "1".repeat(64))), 400,
                "/results/0/sha256"));
        all.add(new Case(e, "dossier code in the body differs from the path", status(s -> s.put("dossierCode",
                "OTHER-1")), 400, "must equal the dossier code in the path"));
        all.add(new Case(e, "system in the body is not the caller", status(s -> s.put("system", "izb-investment")),
                403, "/system"));
        all.add(new Case(e, "duplicate keys", () -> outcome(postJson("/api/v1/dossiers/" + routedDossier
                + "/status", DPI_KEY, "{\"status\":\"IN_PROGRESS\",\"status\":\"COMPLETED\"}")), 400,
                "Duplicate field"));
        all.add(new Case(e, "gzip body", () -> gzip("/api/v1/dossiers/" + routedDossier + "/status", DPI_KEY,
                "application/json").get(), 415, "Content-Encoding"));
    }

    // ---- multipart and edXML documents ---------------------------------------------------------------------

    private void documentCases(List<Case> all) {
        String e = "POST /api/v1/documents";
        String[][] files = {{"climbs out", "../../etc/passwd"}, {"windows path", "C:\\\\Windows\\\\win.ini"},
                {"absolute", "/etc/passwd"}, {"reserved name", "CON.pdf"}, {"dot dot", ".."}};
        for (String[] f : files) {
            all.add(new Case(e + " (multipart)", "file name: " + f[0], multipart(documentMetadata(), f[1]), 400,
                    "/file/filename"));
        }
        ObjectNode nul = documentMetadata();
        nul.put("subject", "Công văn\u0000");
        all.add(new Case(e + " (multipart)", "NUL in the subject", multipart(nul, "cv.pdf"), 400, "/subject"));
        all.add(new Case(e + " (multipart)", "duplicate keys in the metadata", () -> outcome(multipartRaw(
                "{\"subject\":\"a\",\"subject\":\"b\"}".getBytes(StandardCharsets.UTF_8), "cv.pdf")), 400,
                "Duplicate field"));
        all.add(new Case(e + " (multipart)", "gzip body", gzip("/api/v1/documents", DOC_OFFICE_KEY,
                "multipart/form-data; boundary=x"), 415, "Content-Encoding"));
        String root = "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">";
        int port = listener.getAddress().getPort();
        String[][] xml = {
            {"XXE reading a file", "<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY x SYSTEM \"" + secretFile.toUri()
                    + "\">]>" + root + "&x;</edXML>", "400", "HOSTILE_XML"},
            {"billion laughs", "<!DOCTYPE edXML [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
                    + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>" + root + "&c;</edXML>", "400", "HOSTILE_XML"},
            {"external DTD at the listener", "<!DOCTYPE edXML SYSTEM \"http://127.0.0.1:" + port + "/evil.dtd\">"
                    + root + "</edXML>", "400", "HOSTILE_XML"},
            {"parameter entity at the listener", "<!DOCTYPE edXML [<!ENTITY % p SYSTEM \"http://127.0.0.1:" + port
                    + "/p\"> %p;]>" + root + "</edXML>", "400", "HOSTILE_XML"},
            {"not well-formed", root + "<Header>", "400", "MALFORMED_REQUEST"},
            {"nested 200 deep", root + "<x>".repeat(200) + "</x>".repeat(200) + "</edXML>", "422", "deeper"},
            {"XInclude of a file", root + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                    + secretFile.toUri() + "\"/></edXML>", "400", "edXMLEnvelope"},
        };
        for (String[] x : xml) {
            all.add(new Case(e + " (edXML)", x[0], () -> outcome(post("/api/v1/documents", DOC_OFFICE_KEY,
                    "application/xml", x[1].getBytes(StandardCharsets.UTF_8))), Integer.parseInt(x[2]), x[3]));
        }
        all.add(new Case("POST /api/v1/documents/{id}/status", "NUL in the description", () -> outcome(postJson(
                "/api/v1/documents/000.00.31.H19,2024%2F05%2F02,1%2FUBND-VP/status", DOC_OFFICE_KEY,
                "{\"status\":\"02\",\"description\":\"sai\\u0000\"}")), 400, "/description"));
    }

    // ---- SOAP through CXF ----------------------------------------------------------------------------------

    private void soapCases(List<Case> all) {
        String e = "SOAP DossierStatusService";
        String env = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>";
        String end = "</soap:Body></soap:Envelope>";
        String report = "<DossierStatusReport xmlns=\"urn:lienthong-gateway:dossier-status:1\"><DossierCode>"
                + routedDossierPlaceholder() + "</DossierCode><System>%s</System><Status>%s</Status>"
                + "<At>2026-11-21T10:00:00+07:00</At>%s</DossierStatusReport>";
        // SOAP 1.1 (WS-I BP R1126) answers a fault read by CXF with HTTP 500; the fault code says it is the client's.
        all.add(soap(e, "XXE reading a file", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \""
                + secretFile.toUri() + "\">]>" + env + "&e;" + end, 500, "HOSTILE_XML"));
        all.add(soap(e, "billion laughs", "<!DOCTYPE x [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
                + env + "&b;" + end, 500, "HOSTILE_XML"));
        all.add(soap(e, "external DTD at the listener", "<!DOCTYPE x SYSTEM \"http://127.0.0.1:"
                + listener.getAddress().getPort() + "/x.dtd\">" + env + end, 500, "HOSTILE_XML"));
        all.add(soap(e, "not well-formed", env + "<x" , 500, "MALFORMED_REQUEST"));
        all.add(soap(e, "character reference to a C0 control", env + String.format(report, "izb-investment",
                "COMPLETED", "<Note>&#1;</Note>") + end, 500, "MALFORMED_REQUEST"));
        all.add(soap(e, "nested 500 deep", env + "<x>".repeat(500) + "</x>".repeat(500) + end, 500, "soap:Client"));
        all.add(soap(e, "50 000 elements", env + "<x>" + "<y/>".repeat(50_000) + "</x>" + end, 500, "soap:Client"));
        all.add(soap(e, "a report for another system", env + String.format(report, "dpi-business", "COMPLETED", "")
                + end, 500, "FORBIDDEN"));
        all.add(soap(e, "a status outside the schema", env + String.format(report, "izb-investment", "FINISHED", "")
                + end, 500, "VALIDATION_FAILED"));
        all.add(new Case(e, "body over the limit", () -> {
            byte[] big = (env + "<x>" + " ".repeat(21 * 1024 * 1024) + "</x>" + end).getBytes(StandardCharsets.UTF_8);
            return outcome(post("/services/DossierStatusService", IZB_KEY, "text/xml; charset=UTF-8", big));
        }, 413, "<faultcode>soap:Client</faultcode>"));
        all.add(new Case(e, "gzip body", gzip("/services/DossierStatusService", IZB_KEY, "text/xml; charset=UTF-8"),
                415, "<faultcode>soap:Client</faultcode>"));
    }

    private static String routedDossierPlaceholder() {
        return "H19-NOT-ROUTED-1";
    }

    private static Case soap(String entry, String name, String envelope, int status, String reason) {
        return new Case(entry, name, () -> {
            Outcome o = outcome(post("/services/DossierStatusService", IZB_KEY, "text/xml; charset=UTF-8",
                    envelope.getBytes(StandardCharsets.UTF_8)));
            assertThat(o.body()).as(name).contains("<faultcode>soap:Client</faultcode>");
            return o;
        }, status, reason);
    }

    // ---- result and status files ---------------------------------------------------------------------------

    private void fileCases(List<Case> all) {
        String results = "result file (dolisa-labour folder)";
        String statuses = "document status file (doc-office folder)";
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secretFile.toUri() + "\">]><r>&x;</r>";
        String dtd = "<!DOCTYPE r SYSTEM \"http://127.0.0.1:" + listener.getAddress().getPort() + "/r.dtd\"><r/>";
        String deep = "<r>".repeat(100) + "</r>".repeat(100);
        String many = "<r>" + "<x/>".repeat(20_000) + "</r>";
        String[][] rows = {{"XXE reading a file", xxe, "400", "HOSTILE_XML"}, {"external DTD", dtd, "400", "HOSTILE_XML"},
                {"not well-formed", "<r><x></r>", "400", "MALFORMED_REQUEST"}, {"nested 100 deep", deep, "400",
                "maxElementDepth"}, {"20 000 elements", many, "400", "elements"},
                {"not the schema's root", "<r/>", "400", "VALIDATION_FAILED"}};
        for (String[] r : rows) {
            all.add(new Case(results, r[0], file(() -> statusXml.fromFile(bytes(r[1]), "dolisa-labour")),
                    Integer.parseInt(r[2]), r[3]));
            all.add(new Case(statuses, r[0], file(() -> documentStatusFiles.fromFile(bytes(r[1]), "doc-office")),
                    Integer.parseInt(r[2]), r[3]));
        }
    }

    // ---- zipped edXML attachments --------------------------------------------------------------------------

    private void zipCases(List<Case> all) {
        String e = "edXML zipped attachment";
        all.add(new Case(e, "entry climbs out of its folder", zip(z -> entry(z, "../../evil.pdf", new byte[10])), 422,
                "climbs out"));
        all.add(new Case(e, "entry with a backslash path climbing out", zip(z -> entry(z, "a\\..\\..\\x.pdf",
                new byte[10])), 422, "climbs out"));
        all.add(new Case(e, "absolute entry", zip(z -> entry(z, "/etc/cron.d/x", new byte[10])), 422, "absolute"));
        all.add(new Case(e, "1001 entries", zip(z -> {
            for (int i = 0; i <= AttachmentContent.MAX_ZIP_ENTRIES; i++) {
                entry(z, "f" + i + ".txt", new byte[1]);
            }
        }), 422, "entries"));
        all.add(new Case(e, "a zip bomb (50 MiB of zeros)", zip(z -> entry(z, "zeros.pdf", new byte[50 * 1024 * 1024])),
                422, "zip bomb"));
        all.add(new Case(e, "random bytes that look like a zip", () -> {
            byte[] junk = new byte[4096];
            new Random(1).nextBytes(junk);
            junk[0] = 'P';
            junk[1] = 'K';
            junk[2] = 3;
            junk[3] = 4;
            return attachment(junk);
        }, 422, "EDXML_ATTACHMENT"));
    }

    // ---- actuator ------------------------------------------------------------------------------------------

    private void actuatorCases(List<Case> all) {
        for (String endpoint : List.of("env", "heapdump", "beans", "configprops", "threaddump", "loggers",
                "mappings", "shutdown")) {
            all.add(new Case("GET /actuator", endpoint + " is not exposed", () -> outcome(get("/actuator/" + endpoint,
                    "admin", "admin-demo")), 404, ""));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Outcome outcome(Answer answer) {
        return new Outcome(answer.status(), answer.body());
    }

    private static ObjectNode doc(ObjectNode dossier) {
        return (ObjectNode) dossier.get("documents").get(0);
    }

    private static Supplier<Outcome> dossier(Consumer<ObjectNode> change) {
        return () -> {
            try {
                ObjectNode d = DossierFlowE2ETest.dossier("business-single.json");
                change.accept(d);
                return outcome(postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString()));
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        };
    }

    /** A dossier whose first document has {@code jsonName} (JSON string content, escapes allowed) as its name. */
    private static Supplier<Outcome> dossierRaw(String jsonName) {
        return () -> {
            try {
                ObjectNode d = DossierFlowE2ETest.dossier("business-single.json");
                doc(d).put("name", "@@NAME@@");
                return outcome(postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString()
                        .replace("@@NAME@@", jsonName)));
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        };
    }

    private static Supplier<Outcome> dossierText(String pointer, String jsonText) {
        return () -> {
            try {
                ObjectNode d = DossierFlowE2ETest.dossier("business-single.json");
                ((ObjectNode) d.at(pointer.substring(0, pointer.lastIndexOf('/'))))
                        .put(pointer.substring(pointer.lastIndexOf('/') + 1), "@@TEXT@@");
                return outcome(postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString().replace("@@TEXT@@", jsonText)));
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        };
    }

    private Supplier<Outcome> status(Consumer<ObjectNode> change) {
        return () -> {
            ObjectNode s = JSON.createObjectNode();
            s.put("dossierCode", routedDossier).put("system", "dpi-business").put("status", "IN_PROGRESS")
                    .put("at", "2026-11-21T10:00:00+07:00");
            change.accept(s);
            return outcome(postJson("/api/v1/dossiers/" + routedDossier + "/status", DPI_KEY, s.toString()));
        };
    }

    private static Supplier<Outcome> raw(String entry, String key, String json) {
        return () -> outcome(postJson("/api/v1/dossiers", key, json));
    }

    private static Supplier<Outcome> gzip(String path, String key, String contentType) {
        return () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(new byte[10 * 1024 * 1024]);
            } catch (IOException ex) {
                throw new AssertionError(ex);
            }
            return http(HttpRequest.newBuilder(URI.create(url(path))).header("X-Api-Key", key)
                    .header("Content-Type", contentType).header("Content-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
        };
    }

    private static Outcome http(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Outcome(response.statusCode(), response.body());
        } catch (IOException ex) {
            throw new AssertionError(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private static ObjectNode documentMetadata() {
        ObjectNode m = JSON.createObjectNode();
        m.putObject("code").put("number", "1").put("notation", "UBND-VP");
        m.put("promulgationDate", "2024-05-02");
        m.putObject("documentType").put("type", "1").put("typeName", "Công văn");
        m.put("subject", "V/v thử nghiệm");
        m.putArray("receivers").addObject().put("organId", "000.00.00.G22");
        return m;
    }

    private static Supplier<Outcome> multipart(ObjectNode metadata, String fileName) {
        return () -> outcome(multipartRaw(metadata.toString().getBytes(StandardCharsets.UTF_8), fileName));
    }

    private static Answer multipartRaw(byte[] metadata, String fileName) {
        String boundary = "----hostile-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"\r\n"
                + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(metadata);
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--" + boundary
                + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post("/api/v1/documents", DOC_OFFICE_KEY, "multipart/form-data; boundary=" + boundary,
                body.toByteArray());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A file reader's refusal in the words an HTTP client would get (the same mapping, {@link Problems}). */
    private static Supplier<Outcome> file(Runnable read) {
        return () -> {
            try {
                read.run();
                return new Outcome(202, "accepted");
            } catch (GatewayException ex) {
                return new Outcome(ex.code().httpStatus(), ex.code() + ": " + ex.getMessage() + " "
                        + Problems.of(ex.code(), ex.getMessage(), ex.fieldErrors()));
            }
        };
    }

    private interface ZipWriter {
        void write(ZipOutputStream zip) throws IOException;
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static Supplier<Outcome> zip(ZipWriter writer) {
        return () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                writer.write(zip);
            } catch (IOException ex) {
                throw new AssertionError(ex);
            }
            return attachment(out.toByteArray());
        };
    }

    /** How the gateway reads a zipped attachment of an edXML package (SignatureCheck lists its PDFs). */
    private static Outcome attachment(byte[] zip) {
        AttachmentContent content = AttachmentContent.ofBytes(zip);
        try {
            assertThat(content.isZip()).isTrue();
            content.zipEntryNames();
            return new Outcome(202, "accepted");
        } catch (EdxmlException ex) {
            GatewayException mapped = DocumentErrors.of(ex);
            return new Outcome(mapped.code().httpStatus(), ex.reason() + ": " + mapped.getMessage());
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
