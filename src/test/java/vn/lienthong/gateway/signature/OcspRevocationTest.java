package vn.lienthong.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/**
 * Revocation from a configured OCSP responder: a responder started by the test and signing with the test CA's key
 * answers REVOKED (the report is INVALID with the reason), GOOD (VALID, revocation checked), or signs with a key
 * that is not the issuer's, or is down (no usable answer: not valid). The responder is asked at the configured
 * address only.
 */
class OcspRevocationTest {

    private static TestPki pki;
    private static byte[] signed;

    private HttpServer responder;
    private final AtomicInteger asked = new AtomicInteger();

    @BeforeAll
    static void sign() {
        pki = TestPki.create();
        signed = new XmlSigner(pki.agency).sign(TestPki.resource("status_acceptance_03.edxml"));
    }

    @AfterEach
    void stop() {
        if (responder != null) {
            responder.stop(0);
        }
    }

    @Test
    void aSignerTheResponderSaysIsRevokedIsInvalidWithTheReason() throws Exception {
        SignatureReport report = verifierAsking(answering(id -> new RevokedStatus(
                Date.from(Instant.now().minus(Duration.ofHours(1))), CRLReason.keyCompromise), pki.ca.privateKey()))
                .verify(signed);

        assertThat(asked).hasValue(1);
        assertThat(report.result()).isEqualTo(Verdict.INVALID);
        assertThat(report.revocationChecked()).isTrue();
        assertThat(report.signatures().get(0).reasons()).anySatisfy(reason -> assertThat(reason).contains("revoked")
                .contains("key compromise").contains("OCSP responder")
                .contains(pki.agency.certificate().getSubjectX500Principal().getName()));
    }

    @Test
    void aSignerTheResponderSaysIsGoodIsValidAndTheReportSaysRevocationWasChecked() throws Exception {
        SignatureReport report = verifierAsking(answering(id -> CertificateStatus.GOOD, pki.ca.privateKey()))
                .verify(signed);

        assertThat(asked).hasValue(1);
        assertThat(report.result()).isEqualTo(Verdict.VALID);
        assertThat(report.revocationChecked()).isTrue();
        assertThat(report.signatures().get(0).notes())
                .contains("revocation checked against the configured CRLs or OCSP responder");
    }

    @Test
    void anAnswerSignedByAnotherKeyIsNotBelievedAndTheSignatureIsNotTakenAsValid() throws Exception {
        TestPki other = TestPki.create();
        SignatureReport report = verifierAsking(answering(id -> CertificateStatus.GOOD, other.ca.privateKey()))
                .verify(signed);

        assertThat(report.result()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).reasons()).anySatisfy(reason ->
                assertThat(reason).contains("revocation could not be checked").contains("not signed by the issuer"));
    }

    @Test
    void aResponderThatIsDownLeavesTheSignatureNotValidWithTheReason() throws Exception {
        URI down = answering(id -> CertificateStatus.GOOD, pki.ca.privateKey());
        responder.stop(0);
        responder = null;

        SignatureReport report = verifierAsking(down).verify(signed);
        assertThat(report.result()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).reasons()).anySatisfy(reason ->
                assertThat(reason).contains("revocation could not be checked").contains("could not be reached"));
    }

    private static XmlSignatureVerifier verifierAsking(URI address) {
        return new XmlSignatureVerifier(pki.anchors().withOcsp(new OcspResponder(address, Duration.ofSeconds(5))));
    }

    /** Starts an OCSP responder answering {@code status} for every certificate asked about, signed with {@code key}. */
    private URI answering(Function<Req, CertificateStatus> status, PrivateKey key) throws IOException {
        X509Certificate ca = pki.ca.certificate();
        responder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        responder.createContext("/ocsp", exchange -> {
            try (exchange) {
                asked.incrementAndGet();
                OCSPReq request = new OCSPReq(exchange.getRequestBody().readAllBytes());
                X509CertificateHolder issuer = new JcaX509CertificateHolder(ca);
                BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(issuer.getSubject()));
                for (Req one : request.getRequestList()) {
                    builder.addResponse(one.getCertID(), status.apply(one), new Date(), (Date) null);
                }
                OCSPResp answer = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, builder.build(
                        new JcaContentSignerBuilder("SHA256withRSA").build(key), new X509CertificateHolder[0],
                        new Date()));
                byte[] bytes = answer.getEncoded();
                exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        responder.start();
        return URI.create("http://127.0.0.1:" + responder.getAddress().getPort() + "/ocsp");
    }
}
