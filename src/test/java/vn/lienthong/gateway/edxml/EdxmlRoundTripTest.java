package vn.lienthong.gateway.edxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** parse → write → parse keeps every field, for every sample and for a document built from scratch. */
class EdxmlRoundTripTest {

    @TempDir
    Path tmp;

    private EdxmlParser parser() {
        return new EdxmlParser(AttachmentSink.tempFiles(tmp));
    }

    private byte[] write(EdxmlMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EdxmlWriter().write(message, out);
        return out.toByteArray();
    }

    @ParameterizedTest
    @MethodSource("vn.lienthong.gateway.edxml.Samples#all")
    void everySampleSurvivesParseWriteParse(String sample) {
        EdxmlMessage original = parser().parse(Samples.path(sample));

        byte[] written = write(original);
        EdxmlMessage again = parser().parse(new ByteArrayInputStream(written));

        // Records compare every field; attachment contents compare by size and SHA-256.
        assertThat(again).isEqualTo(original);
        assertThat(again.getClass()).isEqualTo(original.getClass());
    }

    @ParameterizedTest
    @MethodSource("vn.lienthong.gateway.edxml.Samples#all")
    void writtenPackageKeepsTheSamplesLayout(String sample) {
        String written = new String(write(parser().parse(Samples.path(sample))), StandardCharsets.UTF_8);

        assertThat(written).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">")
                .contains("<edXML:edXMLEnvelope xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">")
                .contains("<edXML:MessageHeader>");
        if (sample.startsWith("edoc_")) {
            assertThat(written).contains("<Signature>", "<edXML:ContentId>cid:209</edXML:ContentId>",
                    "<AttachmentEncoded>", "<ContentId>cid:209</ContentId>",
                    "<edXML:ContentTransferEncoded xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">UEsDB");
        }
    }

    @Test
    void attachmentBytesAreWrittenBackExactly() throws IOException {
        EdxmlDocument original = parser().parseDocument(Files.newInputStream(Samples.path("edoc_replacement.edxml")));
        String sampleBase64 = between(Samples.text("edoc_replacement.edxml"));

        String written = new String(write(original), StandardCharsets.UTF_8);

        assertThat(between(written)).isEqualTo(sampleBase64);
    }

    @Test
    void xmlDsigSignatureKeepsItsNamespace() {
        String xml = Samples.text("edoc_update.edxml").replace("<Signature>",
                "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">");
        EdxmlDocument original = parser().parseDocument(EdxmlParserTest.in(xml));
        assertThat(original.signature().namespaceUri()).isEqualTo(Edxml.XMLDSIG_NAMESPACE);

        EdxmlDocument again = parser().parseDocument(new ByteArrayInputStream(write(original)));

        assertThat(again.signature()).isEqualTo(original.signature());
        assertThat(again.signature().child("SignedInfo").orElseThrow().namespaceUri())
                .isEqualTo(Edxml.XMLDSIG_NAMESPACE);
    }

    @Test
    void documentBuiltFromScratchIsReadBackEqual() throws IOException {
        Path pdf = tmp.resolve("quyet-dinh.pdf");
        Files.write(pdf, "%PDF-1.7 nội dung văn bản & <ký số>".getBytes(StandardCharsets.UTF_8));
        Attachment attachment = Attachment.zipped("att-1", pdf, "Quyết định", tmp);
        EdxmlDocument built = new EdxmlDocument(
                new MessageHeader(
                        new Organization("000.00.00.G22", "Văn phòng Chính phủ", "Văn phòng Chính phủ",
                                "Số 1 Hoàng Hoa Thám", "vpcp@gov.vn", "8043100", null, "vpcp.vn", List.of()),
                        List.of(Organization.of("000.00.00.H41", "UBND Tỉnh Nghệ An"),
                                Organization.of("000.00.00.H14", "UBND Tỉnh Cao Bằng")),
                        "000.00.00.G22,2025/03/01,12/QĐ-VPCP",
                        new Code("12", "QĐ-VPCP"),
                        new PromulgationInfo("Hà Nội", Edxml.format(java.time.LocalDate.of(2025, 3, 1))),
                        new DocumentType("2", null, "Quyết định"),
                        "Về việc <thử> \"liên thông\" & kết nối",
                        "Nội dung",
                        new SignerInfo("KT. BỘ TRƯỞNG", "Thứ trưởng", "Nguyễn Văn A"),
                        "2025/03/15",
                        new OtherInfo("1", "Liên thông văn bản quốc gia", "NVA", "3", "4", null,
                                List.of("Phụ lục 1", "Phụ lục 2"), List.of()),
                        List.of(),
                        "1",
                        List.of("Các bộ"),
                        List.of()),
                new TraceHeaderList(List.of(new TraceHeader("000.00.00.G22", "2025/03/01 08:30:00")),
                        new Bussiness(null, BussinessDocType.NEW.code(), "Văn bản điện tử mới", "0", null, List.of(),
                                new StaffInfo("Văn thư", "Trần Thị B", "vt@gov.vn", "0912000000"), List.of())),
                null,
                List.of(),
                Manifest.of(List.of(attachment)),
                List.of(attachment));
        Path file = tmp.resolve("built.edxml");

        new EdxmlWriter().write(built, file);
        EdxmlDocument read = (EdxmlDocument) parser().parse(file);

        assertThat(read).isEqualTo(built);
        assertThat(read.messageHeader().subject()).isEqualTo("Về việc <thử> \"liên thông\" & kết nối");
        AttachmentContent content = read.attachment("cid:att-1").orElseThrow().content();
        assertThat(content.zipEntryNames()).containsExactly("quyet-dinh.pdf");
        try (InputStream entry = content.openZipEntry("quyet-dinh.pdf")) {
            assertThat(entry.readAllBytes()).isEqualTo(Files.readAllBytes(pdf));
        }
        assertThat(new EdxmlValidator().validate(read)).noneMatch(ValidationFinding::isError);
    }

    @Test
    void statusBuiltFromScratchIsReadBackEqual() {
        EdxmlStatus built = new EdxmlStatus(Organization.of("000.00.00.H41", "UBND Tỉnh Nghệ An"),
                new ResponseFor("000.00.00.G22", "12/QĐ-VPCP", "2025/03/01", "000.00.00.G22,2025/03/01,12/QĐ-VPCP"),
                null, StatusCode.IN_PROGRESS.code(), "Đang xử lý",
                Edxml.format(java.time.LocalDateTime.of(2025, 3, 2, 9, 0, 5)), null, List.of(), null, List.of());

        EdxmlStatus read = parser().parseStatus(new ByteArrayInputStream(write(built)));

        assertThat(read).isEqualTo(built);
        assertThat(read.status()).contains(StatusCode.IN_PROGRESS);
        assertThat(read.timestamp()).isEqualTo("2025/03/02 09:00:05");
    }

    private static String between(String xml) {
        String start = "<edXML:ContentTransferEncoded xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">";
        int from = xml.indexOf(start) + start.length();
        return xml.substring(from, xml.indexOf("</edXML:ContentTransferEncoded>", from));
    }
}
