package vn.lienthong.gateway.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import vn.lienthong.gateway.edxml.Attachment;
import vn.lienthong.gateway.edxml.AttachmentContent;
import vn.lienthong.gateway.edxml.AttachmentSink;
import vn.lienthong.gateway.edxml.EdxmlDocument;
import vn.lienthong.gateway.edxml.EdxmlParser;
import vn.lienthong.gateway.edxml.Manifest;
import vn.lienthong.gateway.signature.PdfSignatureVerifier;
import vn.lienthong.gateway.signature.TrustAnchors;
import vn.lienthong.gateway.signature.Verdict;
import vn.lienthong.gateway.signature.StreamingXmlSignatureVerifier;
import vn.lienthong.gateway.signature.XmlSignatureVerifier;

/** The signature check looks into zipped attachments for PDFs and applies the sender's policy. */
class SignatureCheckTest {

    @TempDir
    Path work;

    private static SignatureCheck check(AxisProperties.SignaturePolicy policy) {
        return check(policy, SignatureCheck.IN_MEMORY_PDF_BYTES);
    }

    private static SignatureCheck check(AxisProperties.SignaturePolicy policy, int inMemoryPdfBytes) {
        AxisProperties properties = new AxisProperties("gw", "secret", Duration.ofSeconds(1), Duration.ofSeconds(1), 3,
                DataSize.ofMegabytes(1), null, null, null,
                new AxisProperties.SignaturePolicies(policy, Map.of("000.00.00.A80", AxisProperties.SignaturePolicy.FLAG)));
        return new SignatureCheck(new XmlSignatureVerifier(TrustAnchors.none()),
                new StreamingXmlSignatureVerifier(TrustAnchors.none()), new PdfSignatureVerifier(TrustAnchors.none()),
                properties, inMemoryPdfBytes);
    }

    private static byte[] pdf() throws Exception {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** The edoc_new sample with its attachments replaced; {@code from} replaces its sender. */
    private EdxmlDocument document(String from, List<Attachment> attachments) throws Exception {
        String xml = AxisTestSupport.edxmlSample("edoc_new.edxml")
                .replace("<edXML:OrganId>000.00.00.A80</edXML:OrganId>", "<edXML:OrganId>" + from + "</edXML:OrganId>");
        EdxmlDocument sample = new EdxmlParser(AttachmentSink.inMemory(1 << 20)).parseDocument(
                new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return new EdxmlDocument(sample.messageHeader(), sample.traceHeaderList(), sample.signature(), List.of(),
                Manifest.of(attachments), attachments);
    }

    @Test
    void pdfsInsideZippedAttachmentsAreCheckedAndAnUnreadableOneFailsThePolicyReject() throws Exception {
        Path good = Files.write(work.resolve("quyet-dinh.pdf"), pdf());
        Path broken = Files.write(work.resolve("hong.pdf"), "%PDF-1.4 not really".getBytes());
        List<Attachment> attachments = List.of(Attachment.zipped("1", good, "Quyết định", work),
                new Attachment("2", "hong.pdf", "Bản hỏng", "application/pdf",
                        AttachmentContent.ofBytes(Files.readAllBytes(broken))));
        byte[] unsigned = AxisTestSupport.edxmlSample("edoc_new.edxml").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        SignatureCheck.Outcome strict = check(AxisProperties.SignaturePolicy.REJECT)
                .check(unsigned, document("000.00.00.Z99", attachments));
        assertThat(strict.result()).isEqualTo(Verdict.NOT_SIGNED);
        assertThat(strict.pdfs()).extracting(SignatureCheck.PdfReport::attachment).containsExactly("1", "2");
        assertThat(strict.pdfs().get(0).entry()).isEqualTo("quyet-dinh.pdf");
        assertThat(strict.pdfs().get(0).report().result()).isEqualTo(Verdict.NOT_SIGNED);
        assertThat(strict.pdfs().get(1).report()).isNull();
        assertThat(strict.accepted()).isFalse();
        assertThat(strict.reason()).contains("package signature NOT_SIGNED").contains("PDF 2 cannot be checked");

        // The same package from an agency whose policy is flag is delivered, with the same findings.
        SignatureCheck.Outcome flagged = check(AxisProperties.SignaturePolicy.REJECT)
                .check(unsigned, document("000.00.00.A80", attachments));
        assertThat(flagged.policy()).isEqualTo(AxisProperties.SignaturePolicy.FLAG);
        assertThat(flagged.accepted()).isTrue();
        assertThat(flagged.reason()).isEqualTo(strict.reason());
        attachments.forEach(a -> a.content().discard());
    }

    @Test
    void aPdfInsideAZipLargerThanWhatIsReadInMemoryIsCheckedFromATemporaryFile() throws Exception {
        // A scan inside a zip used to be reported "larger than 64 MiB" and not read; now it is spooled to a file.
        // The in-memory bound is lowered here so a small PDF takes that path.
        Path pdf = Files.write(work.resolve("ban-quet.pdf"), pdf());
        List<Attachment> attachments = List.of(Attachment.zipped("1", pdf, "Bản quét", work));
        byte[] unsigned = AxisTestSupport.edxmlSample("edoc_new.edxml").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        SignatureCheck.Outcome outcome = check(AxisProperties.SignaturePolicy.FLAG, 100)
                .check(unsigned, document("000.00.00.Z99", attachments));

        assertThat(Files.size(pdf)).isGreaterThan(100);
        assertThat(outcome.pdfs()).hasSize(1);
        assertThat(outcome.pdfs().get(0).problem()).isNull();
        assertThat(outcome.pdfs().get(0).entry()).isEqualTo("ban-quet.pdf");
        assertThat(outcome.pdfs().get(0).report().result()).isEqualTo(Verdict.NOT_SIGNED);
        attachments.forEach(a -> a.content().discard());
    }
}
