package vn.lienthong.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void aPdfFileIsCheckedFromTheFileExactlyAsInMemory(@TempDir Path folder) throws Exception {
        List<byte[]> pdfs = List.of(pades, TestPdfs.sign(unsigned, pki.agency, PdfSignatureVerifier.PKCS7_DETACHED),
                withChangedPageText(pades), withAppendedBytes(pades), unsigned);
        for (byte[] pdf : pdfs) {
            Path file = Files.write(folder.resolve("attachment.pdf"), pdf);

            SignatureReport fromFile = verifier.verify(file);
            SignatureReport inMemory = verifier.verify(pdf);

            assertThat(fromFile.result()).isEqualTo(inMemory.result());
            assertThat(fromFile.signatures()).isEqualTo(inMemory.signatures());
            assertThat(fromFile.reasons()).isEqualTo(inMemory.reasons());
        }
    }

    @Test
    void aLargeScannedPdfIsCheckedFromItsFile(@TempDir Path folder) throws Exception {
        // 70 MB of page image data, over the 64 MiB a PDF held in memory may have.
        byte[] scan = new byte[70 * 1024 * 1024];
        new java.util.Random(14).nextBytes(scan);
        byte[] large;
        try (PDDocument document = Loader.loadPDF(unsigned);
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            org.apache.pdfbox.pdmodel.common.PDStream image = new org.apache.pdfbox.pdmodel.common.PDStream(document,
                    new java.io.ByteArrayInputStream(scan));
            document.getDocumentCatalog().getCOSObject().setItem(org.apache.pdfbox.cos.COSName.getPDFName("Scan"),
                    image.getCOSObject());
            document.save(out);
            large = TestPdfs.sign(out.toByteArray(), pki.agency, PdfSignatureVerifier.PADES);
        }
        Path file = Files.write(folder.resolve("scan.pdf"), large);
        large = null;

        SignatureReport report = verifier.verify(file);

        assertThat(report.result()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures().get(0).signedScope()).contains(Long.toString(Files.size(file)));
        // One changed byte in the middle of the scan is caught, reading from the file.
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(Files.size(file) / 2);
            int b = raf.read();
            raf.seek(Files.size(file) / 2);
            raf.write(b ^ 0x01);
        }
        assertThat(verifier.verify(file).result()).isEqualTo(Verdict.INVALID);
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
