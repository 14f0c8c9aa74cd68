package vn.lienthong.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import vn.lienthong.gateway.TestDatabase;

/**
 * Issue 8 part 2, end to end: a connected system identified by its TLS client certificate (mutual TLS). The test
 * makes a CA, the gateway's server certificate and client certificates, starts the gateway on HTTPS asking for
 * client certificates ({@code client-auth: want}), and calls it as the one-stop software would: with its
 * configured certificate and no API key (accepted), with a certificate the CA signed but no system names
 * (refused with a problem), with a certificate and another system's key (refused), and with an API key alone
 * (either of the two keys of a rotation). Both settings are in the system's file, as an IT department writes them.
 */
// Not rerun on PostgreSQL (pom.xml, execution postgres): TLS client certificates identify a system from its
// configuration, before any query; nothing here differs between databases.
@Tag("database-independent")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("demo")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MutualTlsE2ETest {

    private static final int PORT = freePort();
    private static final char[] PASSWORD = "test-store-password".toCharArray();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() % 1_000_000);
    private static final Pki PKI = new Pki();

    @DynamicPropertySource
    static void httpsWithClientCertificates(DynamicPropertyRegistry registry) throws IOException {
        Path config = Files.createTempDirectory("gateway-mtls-config-");
        FileSystemUtils.copyRecursively(Path.of("config"), config);
        Path oneStop = config.resolve("systems/one-stop.yml");
        Files.writeString(oneStop, Files.readString(oneStop, StandardCharsets.UTF_8)
                + "clientCertificateSha256: " + fingerprint(PKI.oneStop) + "\n"
                + "nextApiKey: one-stop-next-key-during-rotation\n", StandardCharsets.UTF_8);
        Path dataDir = Files.createTempDirectory("gateway-mtls-");
        registry.add("server.port", () -> PORT);
        registry.add("gateway.data-dir", dataDir::toString);
        registry.add("gateway.catalog.directory", config::toString);
        // The demo's simulators and axis poller call the gateway over plain HTTP; only the intake matters here.
        registry.add("gateway.axis.enabled", () -> "false");
        registry.add("server.ssl.enabled", () -> "true");
        registry.add("server.ssl.key-store", () -> PKI.serverKeyStore.toString());
        registry.add("server.ssl.key-store-type", () -> "PKCS12");
        registry.add("server.ssl.key-store-password", () -> new String(PASSWORD));
        registry.add("server.ssl.client-auth", () -> "want");
        registry.add("server.ssl.trust-store", () -> PKI.trustStore.toString());
        registry.add("server.ssl.trust-store-type", () -> "PKCS12");
        registry.add("server.ssl.trust-store-password", () -> new String(PASSWORD));
        TestDatabase.register(registry);
    }

    @Test
    void theOneStopSoftwareIsKnownByItsCertificateAloneAndItsDossierIsAccepted() {
        Answer answer = post(PKI.clientWith(PKI.oneStop, PKI.oneStopKey), "/api/v1/dossiers", null, dossier());
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.json().path("state").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void aCertificateThatNamesNoSystemIsRefusedWithAProblemThatSaysSo() {
        Answer answer = post(PKI.clientWith(PKI.stranger, PKI.strangerKey), "/api/v1/dossiers", null, dossier());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("detail").asText()).contains("client certificate", fingerprint(PKI.stranger));
    }

    @Test
    void aCertificateWithTheKeyOfAnotherSystemIsRefused() {
        Answer answer = post(PKI.clientWith(PKI.oneStop, PKI.oneStopKey), "/api/v1/dossiers",
                "demo-dpi-business-key", dossier());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("detail").asText()).contains("different systems");
    }

    @Test
    void theCertificateGivesTheSystemsRightsOnlyNotAnOperators() {
        Answer answer = get(PKI.clientWith(PKI.oneStop, PKI.oneStopKey), "/api/v1/systems");
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void clientsWithoutACertificateStillUseTheirApiKey() {
        HttpClient noCertificate = PKI.clientWith(null, null);
        assertThat(post(noCertificate, "/api/v1/dossiers", "demo-one-stop-key", dossier()).status()).isEqualTo(202);
        assertThat(post(noCertificate, "/api/v1/dossiers", "one-stop-next-key-during-rotation", dossier()).status())
                .as("the second key of a rotation").isEqualTo(202);
        Answer nothing = post(noCertificate, "/api/v1/dossiers", null, dossier());
        assertThat(nothing.status()).isEqualTo(401);
        assertThat(nothing.json().path("detail").asText()).contains("X-Api-Key");
    }

    /** An HTTP answer with its body parsed as JSON on demand. */
    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private static String dossier() {
        try {
            ObjectNode dossier = (ObjectNode) JSON.readTree(
                    Path.of("src/test/resources/samples/dossiers/business-single.json").toFile());
            dossier.put("dossierCode", "MTLS-" + SEQUENCE.incrementAndGet());
            return dossier.toString();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Answer post(HttpClient client, String path, String apiKey, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + PORT + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return send(client, request);
    }

    private static Answer get(HttpClient client, String path) {
        return send(client, HttpRequest.newBuilder(URI.create("https://localhost:" + PORT + path)).GET());
    }

    private static Answer send(HttpClient client, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The SHA-256 fingerprint as a system file gives it: hex pairs with colons. */
    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A test CA, the gateway's server certificate and two client certificates it signed. */
    private static final class Pki {

        final KeyPair caKey = keyPair();
        final X509Certificate ca;
        final KeyPair oneStopKey = keyPair();
        final X509Certificate oneStop;
        final KeyPair strangerKey = keyPair();
        final X509Certificate stranger;
        final Path serverKeyStore;
        final Path trustStore;

        Pki() {
            try {
                ca = certificate("CN=Lien thong test CA", caKey, "CN=Lien thong test CA", caKey, true, null);
                KeyPair serverKey = keyPair();
                X509Certificate server = certificate("CN=localhost", serverKey, "CN=Lien thong test CA", caKey,
                        false, KeyPurposeId.id_kp_serverAuth);
                oneStop = certificate("CN=one-stop,O=Dong Nai", oneStopKey, "CN=Lien thong test CA", caKey, false,
                        KeyPurposeId.id_kp_clientAuth);
                stranger = certificate("CN=stranger,O=Elsewhere", strangerKey, "CN=Lien thong test CA", caKey,
                        false, KeyPurposeId.id_kp_clientAuth);
                Path folder = Files.createTempDirectory("gateway-mtls-pki-");
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("server", serverKey.getPrivate(), PASSWORD, new X509Certificate[] {server, ca});
                serverKeyStore = store(keys, folder.resolve("server.p12"));
                trustStore = store(trustingTheCa(), folder.resolve("trust.p12"));
            } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A client that trusts the test CA and presents {@code certificate} (none when null). */
        HttpClient clientWith(X509Certificate certificate, KeyPair key) {
            try {
                KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                if (certificate != null) {
                    keys.setKeyEntry("client", key.getPrivate(), PASSWORD, new X509Certificate[] {certificate, ca});
                }
                keyManagers.init(keys, PASSWORD);
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trustingTheCa());
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
                return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private KeyStore trustingTheCa() throws GeneralSecurityException, IOException {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", ca);
            return trusted;
        }

        private static Path store(KeyStore keyStore, Path file) throws GeneralSecurityException, IOException {
            try (OutputStream out = Files.newOutputStream(file)) {
                keyStore.store(out, PASSWORD);
            }
            return file;
        }

        private static KeyPair keyPair() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(256);
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static X509Certificate certificate(String subject, KeyPair subjectKey, String issuer,
                                                   KeyPair issuerKey, boolean authority, KeyPurposeId purpose)
                throws GeneralSecurityException, IOException, org.bouncycastle.operator.OperatorCreationException {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(SEQUENCE.incrementAndGet())),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))),
                    new X500Name(subject), subjectKey.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (authority) {
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
                if (purpose == KeyPurposeId.id_kp_serverAuth) {
                    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                            new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"),
                                new GeneralName(GeneralName.iPAddress,
                                        InetAddress.getLoopbackAddress().getHostAddress())}));
                }
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
        }
    }
}
