package vn.lienthong.gateway.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading the public samples into the model, field by field, and the samples' real-world quirks. */
class EdxmlParserTest {

    @TempDir
    Path tmp;

    private EdxmlParser parser() {
        return new EdxmlParser(AttachmentSink.tempFiles(tmp));
    }

    private EdxmlDocument document(String sample) {
        return (EdxmlDocument) parser().parse(Samples.path(sample));
    }

    @Test
    void newDocumentHeaderIsReadFieldByField() {
        MessageHeader h = document("edoc_new.edxml").messageHeader();

        assertThat(h.from().organId()).isEqualTo("000.00.00.A80");
        assertThat(h.from().organName()).isEqualTo("UBND xã Hòa Tiến - UBND huyện Hòa Vang - Thành phố Đà Nẵng");
        assertThat(h.from().organAdd()).isEqualTo("Số 1 Hoàng Hoa Thám, Quận Ba Đình, Hà Nội");
        assertThat(h.from().telephone()).isEqualTo("8043100");
        assertThat(h.to()).extracting(Organization::organId).containsExactly("28.22.H17");
        assertThat(h.documentId()).isEqualTo("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT");
        assertThat(h.code()).isEqualTo(new Code("74fass22", "VPCP-TTĐT"));
        assertThat(h.promulgationInfo()).isEqualTo(new PromulgationInfo("Hà Nội", "2019/01/16"));
        assertThat(h.documentType()).isEqualTo(new DocumentType("1", "0", "Công văn"));
        assertThat(h.subject()).isEqualTo("V/v kết nối, liên thông phần mềm quản lý văn bản");
        assertThat(h.signerInfo()).isEqualTo(new SignerInfo("TL. BO TRUONG",
                "Cuc truong cuc ung dung cong nghe thong tin", "Nguyen Thanh Phuc"));
        assertThat(h.dueDate()).isEqualTo("2018/09/28");
        assertThat(h.otherInfo().priority()).isEqualTo("0");
        assertThat(h.otherInfo().sphereOfPromulgation()).isEqualTo("Liên thông văn bản quốc gia");
        assertThat(h.otherInfo().typerNotation()).isEqualTo("TVC");
        assertThat(h.otherInfo().promulgationAmount()).isEqualTo("2");
        assertThat(h.otherInfo().pageAmount()).isEqualTo("22");
        assertThat(h.otherInfo().direction()).isEqualTo("false");
        assertThat(h.otherInfo().appendixes())
                .containsExactly("Công văn về việc kết nối, liên thông phần mềm quản lý văn bản");
        assertThat(h.steeringType()).isEqualTo("1");
        assertThat(h.toPlaces()).containsExactly("Cac bo va co quan ngang bo", "Uy ban nhan dan cac tinh, TP");
        assertThat(h.responseFor()).isEmpty();
        assertThat(h.unknownElements()).isEmpty();
    }

    @Test
    void newDocumentTraceAndBussinessAreRead() {
        EdxmlDocument doc = document("edoc_new.edxml");

        assertThat(doc.traceHeaderList().traceHeaders())
                .containsExactly(new TraceHeader("000.00.00.G22", "2018/09/28 00:00:00"));
        Bussiness b = doc.traceHeaderList().bussiness();
        assertThat(b.documentId()).isEqualTo("000.00.00.G22,2014/02/30,7806/VPCP-TTĐT");
        assertThat(b.docType()).contains(BussinessDocType.NEW);
        assertThat(b.bussinessDocReason()).isEqualTo("Văn bản điện tử mới");
        assertThat(b.paper()).isEqualTo("0");
        assertThat(b.staffInfo()).isEqualTo(new StaffInfo("Văn thư văn phòng", "Nguyễn Thị Ngọc Trâm",
                "vanthuvanphong@gov.vn", "84912000001"));
        assertThat(doc.bussinessDocType()).contains(BussinessDocType.NEW);
    }

    @Test
    void updateCarriesReceiverList() {
        EdxmlDocument doc = document("edoc_update.edxml");

        assertThat(doc.bussinessDocType()).contains(BussinessDocType.UPDATE);
        BussinessDocumentInfo info = doc.traceHeaderList().bussiness().bussinessDocumentInfo();
        assertThat(info.documentInfo()).isEqualTo("1");
        assertThat(info.documentReceiver()).isEqualTo("1");
        assertThat(info.receivers()).containsExactly(
                new Receiver("000.00.00.H41", "0"), new Receiver("000.00.00.H14", "1"));
        assertThat(doc.messageHeader().to()).extracting(Organization::organId)
                .containsExactly("000.00.00.H41", "000.00.00.H14", "000.00.00.G17");
    }

    @Test
    void replacementCarriesReplacedDocuments() {
        EdxmlDocument doc = document("edoc_replacement.edxml");

        assertThat(doc.bussinessDocType()).contains(BussinessDocType.REPLACE);
        assertThat(doc.traceHeaderList().bussiness().documentId()).isNull();
        assertThat(doc.traceHeaderList().bussiness().replacementInfoList()).hasSize(2).allSatisfy(r -> {
            assertThat(r.documentId()).isEqualTo("000.00.00.G22,2014/01/30,7806/VPCP-TTĐT");
            assertThat(r.organIds()).containsExactly("000.00.00.H41", "000.00.00.H14");
        });
    }

    @Test
    void revocationAnswersTheRecalledDocument() {
        EdxmlDocument doc = document("edoc_revocation.edxml");

        assertThat(doc.bussinessDocType()).contains(BussinessDocType.RECALL);
        assertThat(doc.messageHeader().responseFor()).containsExactly(new ResponseFor("000.00.00.H14",
                "267/VPCP-TTĐT", "2018/09/28", "000.00.04.G14,2012/08/06,267/VPCP-TTĐT"));
    }

    @Test
    void unprefixedSignatureIsKeptInTheEdxmlNamespaceNotXmlDsig() {
        // README: the samples' Signature has no XMLDSig namespace, so it inherits the root's default one.
        XmlElement signature = document("edoc_new.edxml").signature();

        assertThat(signature.namespaceUri()).isEqualTo(Edxml.NAMESPACE);
        assertThat(signature.localName()).isEqualTo("Signature");
        XmlElement signedInfo = signature.child("SignedInfo").orElseThrow();
        assertThat(signedInfo.child("SignatureMethod").orElseThrow().attribute("Algorithm"))
                .contains("http://www.w3.org/2000/09/xmldsig#rsa-sha1");
        assertThat(signature.child("KeyInfo").orElseThrow().child("X509Data").orElseThrow()
                .child("X509SubjectName").orElseThrow().text()).isEqualTo("CN=user05");
    }

    @Test
    void attachmentIsDecodedToTheZipTheSenderMade() throws IOException {
        EdxmlDocument doc = document("edoc_new.edxml");

        assertThat(doc.manifest().version()).isEqualTo("1.0");
        assertThat(doc.manifest().references()).containsExactly(new ManifestReference("cid:209",
                "application/zip", "1896_QD-TTg_m_294779.doc", "1896_QD-TTg_m_294779.doc"));
        Attachment attachment = doc.attachment("cid:209").orElseThrow();
        assertThat(doc.attachment("209")).contains(attachment);
        assertThat(attachment.contentId()).isEqualTo("209");
        assertThat(attachment.attachmentName()).isEqualTo("1896_QD-TTg_m_294779.doc");
        assertThat(attachment.contentType()).isEqualTo("application/zip");
        AttachmentContent content = attachment.content();
        // Digest of the base64 text decoded by an independent tool (python base64 + sha256sum).
        assertThat(content.sha256()).isEqualTo("7ab7c43a02a3cf2cedd14ebf2545a37e7a1307e0091b4ba94c2ef1e842a763aa");
        assertThat(content.size()).isEqualTo(270_823);
        assertThat(content.file()).hasValueSatisfying(f -> assertThat(f).startsWith(tmp));
        assertThat(content.isZip()).isTrue();
        assertThat(content.zipEntryNames()).containsExactly("32da2890-1a55-4ccd-9ac9-cd0d98559e67.edxml");
        try (InputStream entry = content.openZipEntry("32da2890-1a55-4ccd-9ac9-cd0d98559e67.edxml")) {
            assertThat(entry.readAllBytes()).hasSize(388_347);
        }
    }

    @Test
    void discardAttachmentsDeletesTheTemporaryFiles() {
        EdxmlDocument doc = document("edoc_update.edxml");
        Path file = doc.attachments().get(0).content().file().orElseThrow();
        assertThat(file).exists();

        doc.discardAttachments();

        assertThat(file).doesNotExist();
    }

    @Test
    void zippedAttachmentHoldsAnEdxmlThatIsNotNamespaceWellFormed() throws IOException {
        // Surprise in the samples: the zip holds a nested edXML using an undeclared 'xlink:' prefix.
        AttachmentContent content = document("edoc_new.edxml").attachments().get(0).content();
        try (InputStream nested = content.openZipEntry("32da2890-1a55-4ccd-9ac9-cd0d98559e67.edxml")) {
            assertThatThrownBy(() -> parser().parse(nested))
                    .isInstanceOfSatisfying(EdxmlException.class, e -> {
                        assertThat(e.reason()).isEqualTo(EdxmlException.Reason.EDXML_MALFORMED);
                        assertThat(e.getMessage()).contains("line 117").contains("xlink");
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("vn.lienthong.gateway.edxml.Samples#statuses")
    void everyStatusSampleIsAStatusWithItsCode(String sample) {
        Map<String, StatusCode> expected = Map.of(
                "status_inbox_01.edxml", StatusCode.ARRIVED,
                "status_rejection_02.edxml", StatusCode.REJECTED,
                "status_acceptance_03.edxml", StatusCode.ACCEPTED,
                "status_assignment_04.edxml", StatusCode.ASSIGNED,
                "status_processing_05.edxml", StatusCode.IN_PROGRESS,
                "status_finish_06.edxml", StatusCode.COMPLETED,
                "status_cancellation_13.edxml", StatusCode.RECALL_REQUESTED,
                "status_change-acceptance_15.edxml", StatusCode.RECALL_AGREED,
                "status_change-rejection_16.edxml", StatusCode.RECALL_REFUSED);

        EdxmlMessage message = parser().parse(Samples.path(sample));

        assertThat(message).isInstanceOf(EdxmlStatus.class);
        EdxmlStatus status = (EdxmlStatus) message;
        assertThat(status.status()).contains(expected.get(sample));
        assertThat(status.responseFor().documentId()).isEqualTo("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT");
        assertThat(status.responseFor().code()).isEqualTo("7816/VPCP-TTĐT");
        assertThat(status.responseFor().promulgationDate()).isEqualTo("2015/09/30");
        assertThat(status.timestamp()).isEqualTo("2015/09/20 11:08:36");
        assertThat(status.staffInfo()).isEqualTo(new StaffInfo("Phong hanh chinh", "Nguyen thi ngoc tram",
                "ngoctram@nghean.vn", "84912000001"));
        assertThat(status.description()).isNotBlank();
        assertThat(status.unknownElements()).isEmpty();
        assertThat(status.signature()).isNull();
    }

    @Test
    void acceptanceStatusIsReadFieldByField() {
        EdxmlStatus status = parser().parseStatus(in(Samples.text("status_acceptance_03.edxml")));

        assertThat(status.from().organId()).isEqualTo("000.00.00.H41");
        assertThat(status.from().organName()).isEqualTo("UBND Tỉnh Nghệ An");
        assertThat(status.from().website()).isEqualTo("www.nghean.vn");
        assertThat(status.responseFor().organId()).isEqualTo("000.00.00.G22");
        assertThat(status.statusCode()).isEqualTo("03");
        assertThat(status.description()).startsWith("Văn thư cơ - Phòng Văn thư - Lưu trữ: Tiếp nhận");
    }

    @Test
    void contentIdWithoutCidPrefixIsMatchedToTheManifest() {
        String xml = Samples.text("edoc_update.edxml")
                .replace("<ContentId>cid:209</ContentId>", "<ContentId>209</ContentId>");

        EdxmlDocument doc = parser().parseDocument(in(xml));

        assertThat(doc.manifest().references().get(0).contentId()).isEqualTo("209");
        assertThat(doc.attachment(doc.manifest().references().get(0).contentId())).isPresent();
        assertThat(doc.attachments().get(0).contentId()).isEqualTo("209");
    }

    @Test
    void unknownElementsAreKeptWhereTheyWere() {
        String xml = Samples.text("edoc_new.edxml")
                .replace("<edXML:SteeringType>1</edXML:SteeringType>",
                        "<edXML:SteeringType>1</edXML:SteeringType><edXML:ReferenceCodes a=\"b\">X-1</edXML:ReferenceCodes>")
                .replace("<edXML:Website>vpcp.vn</edXML:Website>",
                        "<edXML:Website>vpcp.vn</edXML:Website><edXML:Zalo>0123</edXML:Zalo>")
                .replace("<edXML:Paper>0</edXML:Paper>", "<edXML:Paper>0</edXML:Paper><ext:Note xmlns:ext=\"urn:x\">n</ext:Note>");

        EdxmlDocument doc = parser().parseDocument(in(xml));

        assertThat(doc.messageHeader().unknownElements()).containsExactly(new XmlElement(Edxml.NAMESPACE,
                "ReferenceCodes", java.util.List.of(new XmlElement.Attribute("", "", "a", "b")), "X-1",
                java.util.List.of()));
        assertThat(doc.messageHeader().from().unknownElements())
                .containsExactly(XmlElement.leaf(Edxml.NAMESPACE, "Zalo", "0123"));
        assertThat(doc.traceHeaderList().bussiness().unknownElements())
                .containsExactly(XmlElement.leaf("urn:x", "Note", "n"));
    }

    @Test
    void statusExpectedButDocumentGivenIsRefused() {
        assertThatThrownBy(() -> parser().parseStatus(in(Samples.text("edoc_new.edxml"))))
                .isInstanceOfSatisfying(EdxmlException.class,
                        e -> assertThat(e.reason()).isEqualTo(EdxmlException.Reason.EDXML_INVALID))
                .hasMessageContaining("expected an edXML status message");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void inMemorySinkKeepsSmallAttachmentsAndRefusesBigOnes() {
        EdxmlDocument doc = new EdxmlParser(AttachmentSink.inMemory(300_000))
                .parseDocument(in(Samples.text("edoc_new.edxml")));
        assertThat(doc.attachments().get(0).content().file()).isEmpty();
        assertThat(doc.attachments().get(0).content().size()).isEqualTo(270_823);

        assertThatThrownBy(() -> new EdxmlParser(AttachmentSink.inMemory(1000))
                .parse(in(Samples.text("edoc_new.edxml"))))
                .isInstanceOfSatisfying(EdxmlException.class,
                        e -> assertThat(e.reason()).isEqualTo(EdxmlException.Reason.EDXML_LIMIT_EXCEEDED));
    }

    static InputStream in(String xml) {
        return new ByteArrayInputStream(Samples.bytes(xml));
    }
}
