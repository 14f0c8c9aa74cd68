package vn.lienthong.gateway.document;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import vn.lienthong.gateway.edxml.Attachment;
import vn.lienthong.gateway.edxml.AttachmentContent;
import vn.lienthong.gateway.edxml.EdxmlDocument;
import vn.lienthong.gateway.edxml.EdxmlMessage;
import vn.lienthong.gateway.signature.PdfSignatureVerifier;
import vn.lienthong.gateway.signature.SignatureReport;
import vn.lienthong.gateway.signature.StreamingXmlSignatureVerifier;
import vn.lienthong.gateway.signature.UnreadableDocumentException;
import vn.lienthong.gateway.signature.Verdict;
import vn.lienthong.gateway.signature.XmlSignatureVerifier;

/**
 * Checks the signatures of an incoming package (chữ ký số): the XMLDSig signature of the package and the
 * signatures of every PDF attachment, also inside zipped attachments, against the configured trust
 * anchors; then applies the sender's policy ({@code reject} or {@code flag}).
 */
@NationalAxisFeature
@Component
public class SignatureCheck {

    /**
     * PDFs inside a zip (or held in memory) up to this size are read in memory; larger ones are copied to a temporary
     * file and read from it range by range, as a PDF attachment of any size is.
     */
    static final int IN_MEMORY_PDF_BYTES = 8 * 1024 * 1024;

    /**
     * A PDF attachment's report.
     *
     * @param attachment the attachment's ContentId
     * @param entry      the zip entry name, or null when the attachment itself is the PDF
     * @param report     what the check found; null when the PDF could not be read ({@code problem} says why)
     * @param problem    why the PDF could not be checked
     */
    public record PdfReport(String attachment, String entry, SignatureReport report, String problem) {
    }

    /**
     * The validation report kept with the message (báo cáo kiểm tra chữ ký số).
     *
     * @param result      the package's XMLDSig verdict
     * @param policy      the sender's policy
     * @param accepted    whether the package may be delivered under that policy
     * @param reason      why it is not acceptable (status 02 description), null when all is valid
     * @param packageReport the package's XMLDSig report
     * @param pdfs        the reports of the PDF attachments
     */
    public record Outcome(Verdict result, AxisProperties.SignaturePolicy policy, boolean accepted, String reason,
                          SignatureReport packageReport, List<PdfReport> pdfs) {
    }

    private final XmlSignatureVerifier xmlVerifier;
    private final StreamingXmlSignatureVerifier streamingVerifier;
    private final PdfSignatureVerifier pdfVerifier;
    private final AxisProperties properties;
    private final int inMemoryPdfBytes;

    @org.springframework.beans.factory.annotation.Autowired
    public SignatureCheck(XmlSignatureVerifier xmlVerifier, StreamingXmlSignatureVerifier streamingVerifier,
                          PdfSignatureVerifier pdfVerifier, AxisProperties properties) {
        this(xmlVerifier, streamingVerifier, pdfVerifier, properties, IN_MEMORY_PDF_BYTES);
    }

    SignatureCheck(XmlSignatureVerifier xmlVerifier, StreamingXmlSignatureVerifier streamingVerifier,
                   PdfSignatureVerifier pdfVerifier, AxisProperties properties, int inMemoryPdfBytes) {
        this.xmlVerifier = xmlVerifier;
        this.streamingVerifier = streamingVerifier;
        this.pdfVerifier = pdfVerifier;
        this.properties = properties;
        this.inMemoryPdfBytes = inMemoryPdfBytes;
    }

    /**
     * Verifies a received package and the PDFs of the parsed {@code message}: a large package's XML signature
     * while streaming the file, any other's on the parsed document.
     */
    public Outcome check(ReceivedPackage received, EdxmlMessage message) {
        SignatureReport packageReport = received.isLarge() ? streamingVerifier.verify(received.file())
                : xmlVerifier.verify(received.bytes());
        return outcome(packageReport, message);
    }

    /** Verifies {@code packageBytes} (the package as received) and the PDFs of the parsed {@code message}. */
    public Outcome check(byte[] packageBytes, EdxmlMessage message) {
        return outcome(xmlVerifier.verify(packageBytes), message);
    }

    private Outcome outcome(SignatureReport packageReport, EdxmlMessage message) {
        List<PdfReport> pdfs = message instanceof EdxmlDocument document ? pdfReports(document) : List.of();
        String sender = message.from() == null ? null : message.from().organId();
        AxisProperties.SignaturePolicy policy = properties.signaturePolicy().forAgency(sender);
        String reason = problem(packageReport, pdfs);
        boolean accepted = reason == null || policy == AxisProperties.SignaturePolicy.FLAG;
        return new Outcome(packageReport.result(), policy, accepted, reason, packageReport, pdfs);
    }

    /** Why the signatures are not good enough to rely on; null when the package and every PDF signature is VALID. */
    private static String problem(SignatureReport packageReport, List<PdfReport> pdfs) {
        List<String> problems = new ArrayList<>();
        if (packageReport.result() != Verdict.VALID) {
            problems.add("package signature " + packageReport.result() + ": " + firstReason(packageReport));
        }
        for (PdfReport pdf : pdfs) {
            String name = pdf.entry() == null ? pdf.attachment() : pdf.attachment() + "/" + pdf.entry();
            if (pdf.report() == null) {
                problems.add("PDF " + name + " cannot be checked: " + pdf.problem());
            } else if (pdf.report().result() == Verdict.INVALID || pdf.report().result() == Verdict.INDETERMINATE) {
                problems.add("PDF " + name + " signature " + pdf.report().result() + ": " + firstReason(pdf.report()));
            }
        }
        return problems.isEmpty() ? null : "Chữ ký số không hợp lệ (signature not valid): "
                + String.join("; ", problems);
    }

    private static String firstReason(SignatureReport report) {
        if (!report.reasons().isEmpty()) {
            return report.reasons().get(0);
        }
        return report.signatures().stream().flatMap(s -> s.reasons().stream()).findFirst().orElse("no reason given");
    }

    private List<PdfReport> pdfReports(EdxmlDocument document) {
        List<PdfReport> reports = new ArrayList<>();
        for (Attachment attachment : document.attachments()) {
            AttachmentContent content = attachment.content();
            if (content == null) {
                continue;
            }
            if (content.isZip()) {
                for (String entry : content.zipEntryNames()) {
                    if (entry.toLowerCase(Locale.ROOT).endsWith(".pdf")) {
                        reports.add(verifyPdf(attachment.contentId(), entry, () -> content.openZipEntry(entry)));
                    }
                }
            } else if (isPdf(attachment) && content.file().isPresent()) {
                // Read from its file, range by range: a scanned PDF of any size is checked.
                reports.add(verifyPdfFile(attachment.contentId(), content.file().get()));
            } else if (isPdf(attachment)) {
                reports.add(verifyPdf(attachment.contentId(), null, content::openStream));
            }
        }
        return reports;
    }

    private static boolean isPdf(Attachment attachment) {
        return "application/pdf".equalsIgnoreCase(attachment.contentType())
                || (attachment.attachmentName() != null
                && attachment.attachmentName().toLowerCase(Locale.ROOT).endsWith(".pdf"));
    }

    private interface Source {
        InputStream open() throws IOException;
    }

    private PdfReport verifyPdfFile(String contentId, Path file) {
        try {
            return new PdfReport(contentId, null, pdfVerifier.verify(file), null);
        } catch (UnreadableDocumentException e) {
            return new PdfReport(contentId, null, null, e.getMessage());
        } catch (RuntimeException e) {
            return new PdfReport(contentId, null, null, "cannot be read: " + e.getMessage());
        }
    }

    private PdfReport verifyPdf(String contentId, String entry, Source source) {
        Path spooled = null;
        try (InputStream in = source.open()) {
            byte[] head = in.readNBytes(inMemoryPdfBytes + 1);
            if (head.length <= inMemoryPdfBytes) {
                return new PdfReport(contentId, entry, pdfVerifier.verify(head), null);
            }
            // A large scan inside a zip: to a temporary file (bounded as a zip's content is), then read from it.
            spooled = Files.createTempFile("lienthong-pdf-", ".pdf");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(spooled), 1 << 16)) {
                out.write(head);
                in.transferTo(new BoundedOutput(out, AttachmentContent.MAX_ZIP_INFLATED - head.length));
            } catch (BoundedOutput.Full e) {
                return new PdfReport(contentId, entry, null, "larger than "
                        + AttachmentContent.MAX_ZIP_INFLATED / (1024 * 1024) + " MiB");
            }
            return new PdfReport(contentId, entry, pdfVerifier.verify(spooled), null);
        } catch (UnreadableDocumentException e) {
            return new PdfReport(contentId, entry, null, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new PdfReport(contentId, entry, null, "cannot be read: " + e.getMessage());
        } finally {
            if (spooled != null) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (IOException e) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    /** Writes on until {@code limit} bytes, then refuses: a zip entry cannot fill the disk. */
    private static final class BoundedOutput extends java.io.FilterOutputStream {

        /** Thrown when the limit is passed. */
        static final class Full extends IOException {
            private static final long serialVersionUID = 1L;

            Full() {
                super("limit reached");
            }
        }

        private long left;

        BoundedOutput(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            left -= len;
            if (left < 0) {
                throw new Full();
            }
            out.write(b, off, len);
        }
    }
}
