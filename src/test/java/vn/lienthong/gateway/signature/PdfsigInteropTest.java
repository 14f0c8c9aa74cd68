package vn.lienthong.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.ExternalTool;

/**
 * pdfsig (poppler) and the gateway agree on the integrity of signed, tampered, extended and unsigned
 * PDFs. Trust differs by design: pdfsig has no NSS database holding the test CA, so it says
 * "Certificate issuer isn't Trusted." while the gateway, configured with the CA, says trusted.
 */
class PdfsigInteropTest {

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static PdfSignatureVerifier verifier;
    private static byte[] signed;

    /** Per test, so that a machine without the tool reports each test skipped with the reason (CI fails instead). */
    @BeforeEach
    void toolInstalled() {
        ExternalTool.require("pdfsig", "poppler-utils");
    }

    @BeforeAll
    static void sign() {
        pki = TestPki.create();
        verifier = new PdfSignatureVerifier(pki.anchors());
        signed = TestPdfs.sign(TestPdfs.unsigned(), pki.agency, PdfSignatureVerifier.PADES);
    }

    @Test
    void bothSayTheSignedPdfIsIntact() throws Exception {
        ExternalTool.Result pdfsig = pdfsig("signed.pdf", signed);
        SignatureReport report = verifier.verify(signed);

        assertThat(pdfsig.output()).as(pdfsig.toString())
                .contains("Signature Validation: Signature is Valid.", "Total document signed", "Signature Type: ETSI.CAdES.detached");
        assertThat(report.result()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures().get(0).integrityIntact()).isTrue();
        // What pdfsig says about trust depends on its NSS store; the line must be there, its verdict is documented.
        assertThat(pdfsig.output()).as(pdfsig.toString()).contains("Certificate Validation:");
    }

    @Test
    void bothSayOneChangedByteBreaksTheSignature() throws Exception {
        byte[] tampered = PdfSignatureVerifierTest.withChangedPageText(signed);

        ExternalTool.Result pdfsig = pdfsig("tampered.pdf", tampered);
        SignatureReport report = verifier.verify(tampered);

        assertThat(pdfsig.output()).as(pdfsig.toString()).contains("Signature Validation: Digest Mismatch.")
                .doesNotContain("Signature is Valid.");
        assertThat(report.result()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).integrityIntact()).isFalse();
    }

    @Test
    void bothSayContentAddedAfterSigningIsNotCovered() throws Exception {
        byte[] extended = PdfSignatureVerifierTest.withAppendedBytes(signed);

        ExternalTool.Result pdfsig = pdfsig("extended.pdf", extended);
        SignatureReport report = verifier.verify(extended);

        assertThat(pdfsig.output()).as(pdfsig.toString()).contains("Signature is Valid.", "Not total document signed");
        assertThat(report.result()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(report.signatures().get(0).integrityIntact()).isTrue();
    }

    @Test
    void bothSayTheUnsignedPdfHasNoSignatures() throws Exception {
        byte[] unsigned = TestPdfs.unsigned();

        ExternalTool.Result pdfsig = pdfsig("unsigned.pdf", unsigned);
        SignatureReport report = verifier.verify(unsigned);

        assertThat(pdfsig.output()).as(pdfsig.toString()).contains("does not contain any signatures");
        assertThat(report.result()).isEqualTo(Verdict.NOT_SIGNED);
    }

    private static ExternalTool.Result pdfsig(String name, byte[] pdf) throws Exception {
        Files.write(dir.resolve(name), pdf);
        // -no-ocsp: the test certificates name no responder, and tests must not reach the network.
        ExternalTool.Result result = ExternalTool.run(dir, List.of("pdfsig", "-no-ocsp", name).toArray(String[]::new));
        // pdfsig exits 0 even on a digest mismatch (2 only when there is no signature), so the text is what counts.
        assertThat(result.exitCode()).as(result.toString()).isIn(0, 2);
        return result;
    }
}
