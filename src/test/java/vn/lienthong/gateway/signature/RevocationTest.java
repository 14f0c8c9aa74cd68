package vn.lienthong.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation from configured CRLs: a CRL made here by the test CA, once listing the signer (the report is INVALID
 * with the reason) and once not (VALID, and the report says revocation was checked).
 */
class RevocationTest {

    private static TestPki pki;
    private static byte[] signed;

    @TempDir
    Path folder;

    @BeforeAll
    static void sign() {
        pki = TestPki.create();
        signed = new XmlSigner(pki.agency).sign(TestPki.resource("status_acceptance_03.edxml"));
    }

    /** A CRL of the test CA revoking {@code serials} (key compromise, an hour ago), written as a DER file. */
    private Path crl(BigInteger... serials) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(new JcaX509CertificateHolder(pki.ca.certificate()).getSubject(),
                Date.from(now.minus(Duration.ofMinutes(5))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
        for (BigInteger serial : serials) {
            builder.addCRLEntry(serial, Date.from(now.minus(Duration.ofHours(1))), CRLReason.keyCompromise);
        }
        X509CRLHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pki.ca.privateKey()));
        Path file = folder.resolve("test-ca-" + serials.length + ".crl");
        Files.write(file, holder.getEncoded());
        return file;
    }

    private static XmlSignatureVerifier verifier(Path crlFile) {
        List<X509CRL> crls = TrustAnchors.loadCrls(crlFile);
        return new XmlSignatureVerifier(pki.anchors().withCrls(crls));
    }

    @Test
    void aSignerTheConfiguredCrlListsIsInvalidWithTheReason() throws Exception {
        SignatureReport report = verifier(crl(BigInteger.valueOf(4242), pki.agency.certificate().getSerialNumber()))
                .verify(signed);

        assertThat(report.result()).isEqualTo(Verdict.INVALID);
        assertThat(report.revocationChecked()).isTrue();
        SignatureEntry entry = report.signatures().get(0);
        assertThat(entry.integrityIntact()).isTrue();
        assertThat(entry.reasons()).anySatisfy(reason -> assertThat(reason).contains("revoked")
                .contains("KEY_COMPROMISE").contains(pki.agency.certificate().getSubjectX500Principal().getName()));
    }

    @Test
    void aSignerTheCrlDoesNotListIsValidAndTheReportSaysRevocationWasChecked() throws Exception {
        SignatureReport report = verifier(crl(BigInteger.valueOf(4242))).verify(signed);

        assertThat(report.result()).isEqualTo(Verdict.VALID);
        assertThat(report.revocationChecked()).isTrue();
        assertThat(report.signatures().get(0).notes()).contains("revocation checked against the configured CRLs or OCSP responder");
    }

    @Test
    void aCrlSignedByAnotherCaIsNotBelieved() throws Exception {
        TestPki other = TestPki.create();
        Instant now = Instant.now();
        // Same issuer name as the test CA, but signed by another key: it revokes nothing.
        X509v2CRLBuilder builder = new X509v2CRLBuilder(new JcaX509CertificateHolder(pki.ca.certificate()).getSubject(),
                Date.from(now.minus(Duration.ofMinutes(5))));
        builder.addCRLEntry(pki.agency.certificate().getSerialNumber(), Date.from(now.minus(Duration.ofHours(1))),
                CRLReason.keyCompromise);
        X509CRL forged = new JcaX509CRLConverter().getCRL(builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(other.ca.privateKey())));

        SignatureReport report = new XmlSignatureVerifier(pki.anchors().withCrls(List.of(forged))).verify(signed);
        assertThat(report.result()).isEqualTo(Verdict.VALID);
    }
}
