package vn.lienthong.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PdfSignatureVerifier on PDFs signed in the test: PAdES and legacy PKCS#7, tampered, unsigned, untrusted and extended after signing. */
class PdfSignatureVerifierTest {

    private static TestPki pki;
    private static PdfSignatureVerifier verifier;
    private static byte[] unsigned;
    private static byte[] pades;

    @BeforeAll
    static void signOnce() {
        pki = TestPki.create();
        verifier = new PdfSignatureVerifier(pki.anchors());
        unsigned = TestPdfs.unsigned();
        pades = TestPdfs.sign(unsigned, pki.agency, PdfSignatureVerifier.PADES);
    }

    /** The signed PDF with one digit of the visible page text changed ("123" becomes "723"). */
    static byte[] withChangedPageText(byte[] pdf) {
        byte[] copy = pdf.clone();
        copy[TestPki.indexOf(copy, TestPdfs.PAGE_TEXT) + "Quyet dinh ".length()] = '7';
        return copy;
    }

    /** The signed PDF with bytes appended after the signed revision, as an unsigned incremental update would be. */
    static byte[] withAppendedBytes(byte[] pdf) {
        byte[] extra = "\n% appended after signing\n".getBytes(StandardCharsets.US_ASCII);
        byte[] copy = java.util.Arrays.copyOf(pdf, pdf.length + extra.length);
        System.arraycopy(extra, 0, copy, pdf.length, extra.length);
        return copy;
    }

    @Test
    void padesSignedPdfIsValidAndSaysWhoSignedWhenAndHow() {
        SignatureReport report = verifier.verify(pades);

        assertThat(report.result()).isEqualTo(Verdict.VALID);
        assertThat(report.documentType()).isEqualTo("PDF");
        SignatureEntry entry = report.signatures().get(0);
        assertThat(entry.reasons()).isEmpty();
        assertThat(entry.format()).isEqualTo("PAdES (ETSI.CAdES.detached)");
        assertThat(entry.signatureAlgorithm()).isEqualTo("SHA256withRSA");
        assertThat(entry.integrityIntact()).isTrue();
        assertThat(entry.trusted()).isTrue();
        assertThat(entry.signedScope()).isEqualTo("whole file except the signature value (" + pades.length + " bytes)");
        assertThat(entry.signerSubject()).isEqualTo(pki.agency.certificate().getSubjectX500Principal().getName());
        assertThat(entry.certificateChain()).hasSize(2);
        assertThat(entry.signingTime()).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now());
        assertThat(entry.notes()).contains("revocation (CRL/OCSP) was not checked",
                "signing time is the signer's claim (/M entry of the signature dictionary), not a time-stamp");
    }

    @Test
    void legacyPkcs7SignatureIsValidAndReportedAsLegacy() {
        SignatureReport report = verifier.verify(TestPdfs.sign(unsigned, pki.agency, PdfSignatureVerifier.PKCS7_DETACHED));

        assertThat(report.result()).isEqualTo(Verdict.VALID);
        SignatureEntry entry = report.signatures().get(0);
        assertThat(entry.format()).isEqualTo("PKCS#7 legacy (adbe.pkcs7.detached)");
        assertThat(entry.notes()).contains("signing time is the signer's claim (CMS signing-time attribute), not a time-stamp");
    }

    @Test
    void oneChangedByteOfSignedContentMakesThePdfInvalid() {
        SignatureReport report = verifier.verify(withChangedPageText(pades));

        assertThat(report.result()).isEqualTo(Verdict.INVALID);
        SignatureEntry entry = report.signatures().get(0);
        assertThat(entry.integrityIntact()).isFalse();
        assertThat(entry.reasons()).containsExactly(
                "message digest over the signed byte ranges does not match: the PDF was changed after signing");
    }

    @Test
    void changedRsaSignatureValueIsInvalid() throws Exception {
        // Locate the RSA signature bytes inside the hex /Contents and flip one bit of them.
        int hole = TestPki.indexOf(pades, "/Contents <") + "/Contents <".length();
        byte[] der;
        try (PDDocument document = Loader.loadPDF(pades)) {
            der = document.getSignatureDictionaries().get(0).getContents(pades);
        }
        byte[] rsa = new CMSSignedData(der).getSignerInfos().getSigners().iterator().next().getSignature();
        int at = hole + 2 * TestPki.indexOf(der, rsa) + 2 * (rsa.length / 2);
        byte[] copy = pades.clone();
        copy[at] = (byte) Character.forDigit(Character.digit(copy[at], 16) ^ 1, 16);

        SignatureReport report = verifier.verify(copy);

        assertThat(report.result()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).integrityIntact()).isFalse();
        assertThat(report.signatures().get(0).reasons())
                .containsExactly("the CMS signature value does not verify with the signer certificate's public key");
    }

    @Test
    void unsignedPdfIsNotSigned() {
        SignatureReport report = verifier.verify(unsigned);

        assertThat(report.result()).isEqualTo(Verdict.NOT_SIGNED);
        assertThat(report.signatures()).isEmpty();
        assertThat(report.reasons()).containsExactly("the PDF has no signature dictionaries");
    }

    @Test
    void signerWithoutAPathToATrustAnchorIsIndeterminateButIntact() {
        SignatureReport report = new PdfSignatureVerifier(TrustAnchors.none()).verify(pades);

        assertThat(report.result()).isEqualTo(Verdict.INDETERMINATE);
        SignatureEntry entry = report.signatures().get(0);
        assertThat(entry.integrityIntact()).isTrue();
        assertThat(entry.trusted()).isFalse();
        assertThat(entry.reasons()).containsExactly("certificate not trusted: no trust anchors are configured");
    }

    @Test
    void contentAppendedAfterTheLastSignatureIsNotCoveredAndSaidSo() {
        byte[] extended = withAppendedBytes(pades);

        SignatureReport report = verifier.verify(extended);

        assertThat(report.result()).isEqualTo(Verdict.INDETERMINATE);
        SignatureEntry entry = report.signatures().get(0);
        assertThat(entry.integrityIntact()).isTrue();
        assertThat(entry.reasons()).containsExactly((extended.length - pades.length)
                + " bytes were added after the last signature; that content is not covered by any signature");
    }

    @Test
    void bytesThatAreNoPdfAreRejectedClearly() {
        assertThatThrownBy(() -> verifier.verify("<html>not a pdf</html>".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageStartingWith("PDF cannot be read");
    }
}
