package vn.lienthong.gateway.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import vn.lienthong.gateway.signature.SigningKey;

/**
 * A national document axis holding one large edXML package for a gateway started by a test, and the document
 * office receiving it: the office follows {@code edxmlLink} as a real one would, streaming the package from the
 * gateway with its own key, and keeps what it got (size, SHA-256) and the office message.
 */
public final class LargePackageAxis implements AutoCloseable {

    public static final String OFFICE_KEY = "large-doc-office-key-0001";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer axis;
    private final HttpServer office;
    private final Path edxml;
    private final AtomicBoolean offered = new AtomicBoolean();
    private final AtomicBoolean acknowledged = new AtomicBoolean();
    private final AtomicInteger sent = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String gatewayUrl;
    /** Bytes the office got: inside its message (Base64) or fetched by the link. */
    public final AtomicLong officeBytes = new AtomicLong();
    /** SHA-256 of what the office fetched by the link. */
    public final AtomicReference<String> fetchedSha256 = new AtomicReference<>();
    /** The last document message the office received. */
    public final AtomicReference<JsonNode> officeMessage = new AtomicReference<>();
    /** The gateway's {@code fail} acknowledgement, if it gave up on the package. */
    public final AtomicReference<String> acknowledgedFail = new AtomicReference<>();
    /** Whether the gateway acknowledged the package {@code done} (durable on its side). */
    public final AtomicBoolean acknowledgedDone = new AtomicBoolean();
    /** Deliveries the office refused while down. */
    public final AtomicInteger refusedWhileDown = new AtomicInteger();
    /** While true the office answers 503, as an office under maintenance does. */
    public final AtomicBoolean officeDown = new AtomicBoolean();
    /** While true the axis answers 503 to packages sent to it. */
    public final AtomicBoolean axisDown = new AtomicBoolean();
    /** Packages sent while the axis was down. */
    public final AtomicInteger refusedSends = new AtomicInteger();
    /** The last package sent to the axis, written to a file as it arrived (never whole in the test's memory). */
    public final AtomicReference<Path> sentPackage = new AtomicReference<>();

    public LargePackageAxis(int axisPort, int officePort, Path edxml) throws IOException {
        this.edxml = edxml;
        axis = HttpServer.create(new InetSocketAddress("127.0.0.1", axisPort), 64);
        axis.setExecutor(Executors.newFixedThreadPool(4));
        axis.createContext("/axis/messages", this::axis);
        office = HttpServer.create(new InetSocketAddress("127.0.0.1", officePort), 64);
        office.setExecutor(Executors.newFixedThreadPool(4));
        office.createContext("/", this::office);
        axis.start();
        office.start();
    }

    /** The system files of the axis and the office, for {@link GatewayProcess#withConfigFile}. */
    public static String axisSystem(int axisPort) {
        return """
                id: national-axis
                name: Trục liên thông văn bản quốc gia (test)
                kind: national-axis
                agencyCode: 000.00.00.G22
                protocol: rest
                endpoint: http://127.0.0.1:%d/axis
                apiKey: large-national-axis-key-0001
                delivery: { maxAttempts: 5, initialDelay: 1s, multiplier: 2, maxDelay: 5s, timeout: 120s }
                """.formatted(axisPort);
    }

    public static String officeSystem(int officePort) {
        return """
                id: doc-office
                name: Document office (test)
                kind: document-office
                agencyCode: 000.00.31.H19
                protocol: rest
                endpoint: http://127.0.0.1:%d/office/documents
                apiKey: %s
                delivery: { maxAttempts: 5, initialDelay: 1s, multiplier: 2, maxDelay: 5s, timeout: 120s }
                """.formatted(officePort, OFFICE_KEY);
    }

    /** Puts the package on the axis, for the gateway at {@code gatewayUrl} to take. */
    public void offer(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
        offered.set(true);
    }

    private void axis(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if ("POST".equals(method)) {
                receive(exchange);
                return;
            }
            byte[] request = exchange.getRequestBody().readAllBytes();
            if ("GET".equals(method) && path.equals("/axis/messages")) {
                boolean edoc = String.valueOf(exchange.getRequestURI().getQuery()).contains("eDoc");
                answer(exchange, 200, edoc && offered.get() && !acknowledged.get()
                        ? "[{\"id\":\"large-1\",\"from\":\"000.00.00.A80\"}]" : "[]");
            } else if ("GET".equals(method)) {
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                exchange.sendResponseHeaders(200, Files.size(edxml));
                try (OutputStream body = exchange.getResponseBody()) {
                    Files.copy(edxml, body);
                }
            } else if ("PUT".equals(method)) {
                String ack = new String(request, StandardCharsets.UTF_8);
                if (ack.contains("done") || ack.contains("fail")) {
                    acknowledged.set(true);
                }
                if (ack.contains("done")) {
                    acknowledgedDone.set(true);
                }
                if (ack.contains("fail")) {
                    acknowledgedFail.set(ack);
                }
                answer(exchange, 200, "{}");
            } else {
                answer(exchange, 405, "{}");
            }
        }
    }

    /** A package sent to the axis: streamed to a file next to the offered package. */
    private void receive(HttpExchange exchange) throws IOException {
        if (axisDown.get()) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            refusedSends.incrementAndGet();
            answer(exchange, 503, "{\"error\":\"maintenance\"}");
            return;
        }
        int n = sent.incrementAndGet();
        Path file = edxml.resolveSibling("sent-" + n + ".edxml");
        try (InputStream body = exchange.getRequestBody()) {
            Files.copy(body, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        sentPackage.set(file);
        answer(exchange, 201, "{\"id\":\"large-sent-" + n + "\"}");
    }

    private void office(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            if (!exchange.getRequestURI().getPath().startsWith("/office/documents")) {
                body.transferTo(OutputStream.nullOutputStream());
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            JsonNode message = JSON.readTree(body);
            if (officeDown.get()) {
                refusedWhileDown.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (!"document".equals(message.path("kind").asText())) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            if (message.has("edxmlLink")) {
                fetch(message.get("edxmlLink").get("href").asText());
            } else {
                officeBytes.addAndGet(Base64.getDecoder().decode(message.path("edxml").asText("")).length);
            }
            officeMessage.set(message);
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(503, -1);
        }
    }

    private void fetch(String href) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + href)).header("X-Api-Key", OFFICE_KEY)
                .timeout(Duration.ofMinutes(5)).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("the gateway answered " + response.statusCode() + " for " + href);
                }
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                long n = in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
                fetchedSha256.set(HexFormat.of().formatHex(digest.digest()));
                officeBytes.addAndGet(n);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        axis.stop(0);
        office.stop(0);
    }

    /**
     * Writes the edoc_new sample with an attachment of {@code attachmentMb} MB of random bytes to {@code target},
     * signed by {@code signer} (when given) as the gateway signs: the whole document (URI="", enveloped, exclusive
     * c14n), the signature the last child of the root; returns the package's size.
     * <p>
     * Signing 200 MB through a DOM takes many minutes, so the package is written already in canonical form (the
     * sample canonicalised, its attachment replaced by Base64 with LF line breaks, which c14n leaves alone): its
     * reference digest is then the SHA-256 of the bytes as written, computed while writing, and only the small
     * SignedInfo is signed. The gateway checks it like any other package.
     */
    public static long write(Path target, int attachmentMb, SigningKey signer) throws Exception {
        org.apache.xml.security.Init.init();
        byte[] canonical;
        try (InputStream in = Files.newInputStream(Path.of("src/test/resources/edxml/samples/edoc_new.edxml"))) {
            org.w3c.dom.Document sample = javax.xml.parsers.DocumentBuilderFactory.newDefaultNSInstance()
                    .newDocumentBuilder().parse(in);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            org.apache.xml.security.c14n.Canonicalizer.getInstance(
                    org.apache.xml.security.c14n.Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS)
                    .canonicalizeSubtree(sample, out);
            canonical = out.toByteArray();
        }
        String text = new String(canonical, StandardCharsets.UTF_8);
        Matcher attachment = Pattern.compile("(<edXML:ContentTransferEncoded[^>]*>)([^<]*)(</edXML:"
                + "ContentTransferEncoded>)").matcher(text);
        assertThat(attachment.find()).as("the sample has an attachment").isTrue();
        String rootEnd = "</edXML>";
        assertThat(text).endsWith(rootEnd);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (OutputStream file = new java.io.BufferedOutputStream(Files.newOutputStream(target), 1 << 20)) {
            file.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8));
            OutputStream out = new DigestOutputStream(new FilterOutputStream(file) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush(); // keep the package's stream open for its end
                }
            }, digest);
            out.write(text.substring(0, attachment.end(1)).getBytes(StandardCharsets.UTF_8));
            OutputStream base64 = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).wrap(out);
            byte[] chunk = new byte[1024 * 1024];
            Random random = new Random(14);
            for (int i = 0; i < attachmentMb; i++) {
                random.nextBytes(chunk);
                base64.write(chunk);
            }
            base64.close();
            out.write(text.substring(attachment.start(3), text.length() - rootEnd.length())
                    .getBytes(StandardCharsets.UTF_8));
            if (signer != null) {
                // The enveloped signature leaves out only itself: what came before, and the root's end, is signed.
                digest.update(rootEnd.getBytes(StandardCharsets.UTF_8));
                file.write(signature(digest.digest(), signer).getBytes(StandardCharsets.UTF_8));
            }
            file.write(rootEnd.getBytes(StandardCharsets.UTF_8));
        }
        return Files.size(target);
    }

    /** An XMLDSig Signature over the whole document whose reference digest is {@code documentDigest}. */
    private static String signature(byte[] documentDigest, SigningKey signer) throws Exception {
        javax.xml.crypto.dsig.XMLSignatureFactory factory = javax.xml.crypto.dsig.XMLSignatureFactory.getInstance(
                "DOM", new org.apache.jcp.xml.dsig.internal.dom.XMLDSigRI());
        var keyInfo = factory.getKeyInfoFactory();
        String exclusive = javax.xml.crypto.dsig.CanonicalizationMethod.EXCLUSIVE;
        var reference = factory.newReference("", factory.newDigestMethod(javax.xml.crypto.dsig.DigestMethod.SHA256,
                        null), java.util.List.of(
                        factory.newTransform(javax.xml.crypto.dsig.Transform.ENVELOPED,
                                (javax.xml.crypto.dsig.spec.TransformParameterSpec) null),
                        factory.newTransform(exclusive, (javax.xml.crypto.dsig.spec.TransformParameterSpec) null)),
                null, null, documentDigest);
        org.w3c.dom.Document holder = javax.xml.parsers.DocumentBuilderFactory.newDefaultNSInstance()
                .newDocumentBuilder().newDocument();
        holder.appendChild(holder.createElementNS("urn:holder", "holder"));
        javax.xml.crypto.dsig.dom.DOMSignContext context = new javax.xml.crypto.dsig.dom.DOMSignContext(
                signer.privateKey(), holder.getDocumentElement());
        context.setDefaultNamespacePrefix("ds");
        factory.newXMLSignature(factory.newSignedInfo(
                        factory.newCanonicalizationMethod(exclusive,
                                (javax.xml.crypto.dsig.spec.C14NMethodParameterSpec) null),
                        factory.newSignatureMethod(javax.xml.crypto.dsig.SignatureMethod.RSA_SHA256, null),
                        java.util.List.of(reference)),
                keyInfo.newKeyInfo(java.util.List.of(keyInfo.newX509Data(signer.chain())))).sign(context);
        java.io.StringWriter out = new java.io.StringWriter();
        var transformer = javax.xml.transform.TransformerFactory.newDefaultInstance().newTransformer();
        transformer.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
        transformer.transform(new javax.xml.transform.dom.DOMSource(holder.getDocumentElement().getFirstChild()),
                new javax.xml.transform.stream.StreamResult(out));
        return out.toString();
    }

    /**
     * A sending agency for large packages: its key, issued by a test CA, and that CA's certificate as a PEM file in
     * {@code folder} for the gateway's trust anchors.
     */
    public record Sender(SigningKey key, Path trustAnchor) {

        public static Sender create(Path folder, String name) throws Exception {
            java.time.Instant now = java.time.Instant.now();
            SigningKey ca = vn.lienthong.gateway.signature.DemoKeyMaterial.createCa("CN=" + name + " CA,O=Test,C=VN",
                    2048, now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)));
            SigningKey sender = vn.lienthong.gateway.signature.DemoKeyMaterial.issue(ca, "CN=" + name
                    + ",O=Test,C=VN", 2048, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
            Path anchor = folder.resolve("anchor.pem");
            Files.writeString(anchor, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(
                    StandardCharsets.US_ASCII)).encodeToString(ca.certificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            return new Sender(sender, anchor);
        }
    }

    /** SHA-256 of a file, hexadecimal. */
    public static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The largest heap in use before any collection, from a {@code -Xlog:gc} file ("Pause ... 300M->40M(512M)"). */
    public static long heapPeakMiB(Path gcLog) throws IOException {
        Pattern pause = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
        long peak = 0;
        for (String l : Files.readAllLines(gcLog)) {
            Matcher m = pause.matcher(l);
            if (m.find()) {
                peak = Math.max(peak, Math.max(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
            }
        }
        return peak;
    }
}
