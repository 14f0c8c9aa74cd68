package vn.lienthong.gateway.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import vn.lienthong.gateway.edxml.ValidationFinding.Severity;

/** The business rules: samples pass without ERROR; each broken field is reported at its path. */
class EdxmlValidatorTest {

    @TempDir
    Path tmp;

    private final EdxmlValidator validator = new EdxmlValidator();

    private EdxmlMessage parse(String xml) {
        return new EdxmlParser(AttachmentSink.tempFiles(tmp)).parse(EdxmlParserTest.in(xml));
    }

    private List<ValidationFinding> findings(String xml) {
        return validator.validate(parse(xml));
    }

    @ParameterizedTest
    @MethodSource("vn.lienthong.gateway.edxml.Samples#all")
    void noSampleHasAnError(String sample) {
        List<ValidationFinding> findings = validator.validate(
                new EdxmlParser(AttachmentSink.tempFiles(tmp)).parse(Samples.path(sample)));

        assertThat(findings).noneMatch(ValidationFinding::isError);
    }

    @Test
    void nonStandardAgencyIdIsOnlyAWarning() {
        List<ValidationFinding> findings = findings(Samples.text("edoc_new.edxml"));

        assertThat(findings).contains(new ValidationFinding(Severity.WARNING, "MessageHeader/To/OrganId",
                "'28.22.H17' does not follow the agency identifier format 000.00.00.H41 (tolerated)"));
    }

    @Test
    void impossibleDateInsideDocumentIdIsOnlyAWarning() {
        // edoc_new's Bussiness/DocumentId says 2014/02/30; a rule that rejected it would reject a real sample.
        assertThat(findings(Samples.text("edoc_new.edxml"))).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.path()).isEqualTo("TraceHeaderList/Bussiness/DocumentId");
            assertThat(f.reason()).contains("impossible date 2014/02/30");
        });
    }

    @Test
    void standardSamplesHaveNoAgencyWarnings() {
        assertThat(findings(Samples.text("edoc_update.edxml")))
                .noneMatch(f -> f.reason().contains("agency identifier"));
    }

    @Test
    void aDocumentNeedsADocumentIdOfAtMost200Characters() {
        String original = "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT";
        String missing = Samples.text("edoc_new.edxml").replaceFirst(
                "<edXML:DocumentId>" + java.util.regex.Pattern.quote(original) + "</edXML:DocumentId>", "");
        assertThat(findings(missing)).contains(new ValidationFinding(Severity.ERROR, "MessageHeader/DocumentId",
                "is required"));
        String longId = original + "-" + "x".repeat(200 - original.length());
        String tooLong = Samples.text("edoc_new.edxml").replaceFirst(java.util.regex.Pattern.quote(
                "<edXML:DocumentId>" + original + "</edXML:DocumentId>"), "<edXML:DocumentId>" + longId
                + "</edXML:DocumentId>");
        assertThat(findings(tooLong)).contains(new ValidationFinding(Severity.ERROR, "MessageHeader/DocumentId",
                "is 201 characters long, at most 200 allowed"));
    }

    @Test
    void requiredDocumentFieldsAreErrors() {
        String xml = Samples.text("edoc_update.edxml")
                .replaceAll("(?s)<edXML:Subject>.*?</edXML:Subject>", "")
                .replaceAll("(?s)<edXML:PromulgationInfo>.*?</edXML:PromulgationInfo>", "")
                .replaceAll("(?s)<edXML:DocumentType>.*?</edXML:DocumentType>", "")
                .replace("<edXML:CodeNumber>7816</edXML:CodeNumber>", "")
                .replace("<edXML:OrganId>000.00.00.G22</edXML:OrganId>\n          <edXML:OrganizationInCharge>", "<edXML:OrganizationInCharge>")
                .replace("<edXML:OrganId>000.00.00.G22</edXML:OrganId>\r\n          <edXML:OrganizationInCharge>", "<edXML:OrganizationInCharge>");

        List<ValidationFinding> errors = findings(xml).stream().filter(ValidationFinding::isError).toList();

        assertThat(errors).extracting(ValidationFinding::path).containsExactlyInAnyOrder(
                "MessageHeader/From/OrganId", "MessageHeader/Code/CodeNumber", "MessageHeader/PromulgationInfo",
                "MessageHeader/DocumentType", "MessageHeader/Subject");
        assertThat(errors).allSatisfy(e -> assertThat(e.reason()).isEqualTo("is required"));
    }

    @Test
    void documentWithoutReceiverIsAnError() {
        String xml = Samples.text("edoc_new.edxml").replaceAll("(?s)<edXML:To>.*?</edXML:To>", "");

        assertThat(findings(xml)).contains(new ValidationFinding(Severity.ERROR, "MessageHeader/To",
                "is required: a document needs at least one receiver"));
    }

    @Test
    void lengthsAreChecked() {
        String xml = Samples.text("edoc_update.edxml")
                .replace(">7816</edXML:CodeNumber>", ">123456789012</edXML:CodeNumber>")
                .replace(">VPCP-TTĐT</edXML:CodeNotation>", ">" + "N".repeat(31) + "</edXML:CodeNotation>")
                .replace(">V/v kết nối, liên thông phần mềm quản lý văn bản</edXML:Subject>", ">" + "s".repeat(501) + "</edXML:Subject>")
                .replace(">Văn phòng Chính phủ</edXML:OrganName>", ">" + "o".repeat(201) + "</edXML:OrganName>")
                .replace(">000.00.00.H41</edXML:OrganId>\n          <edXML:OrganizationInCharge>", ">000.00.00.H41.1</edXML:OrganId><edXML:OrganizationInCharge>")
                .replace(">000.00.00.H41</edXML:OrganId>\r\n          <edXML:OrganizationInCharge>", ">000.00.00.H41.1</edXML:OrganId><edXML:OrganizationInCharge>");

        List<ValidationFinding> errors = findings(xml).stream().filter(ValidationFinding::isError).toList();

        assertThat(errors).containsExactlyInAnyOrder(
                new ValidationFinding(Severity.ERROR, "MessageHeader/Code/CodeNumber", "is 12 characters long, at most 11 allowed"),
                new ValidationFinding(Severity.ERROR, "MessageHeader/Code/CodeNotation", "is 31 characters long, at most 30 allowed"),
                new ValidationFinding(Severity.ERROR, "MessageHeader/Subject", "is 501 characters long, at most 500 allowed"),
                new ValidationFinding(Severity.ERROR, "MessageHeader/From/OrganName", "is 201 characters long, at most 200 allowed"),
                new ValidationFinding(Severity.ERROR, "MessageHeader/To[1]/OrganId", "is 15 characters long, at most 13 allowed"));
    }

    @Test
    void datesMustUseTheSamplesFormat() {
        String xml = Samples.text("edoc_update.edxml")
                .replace("<edXML:PromulgationDate>2018/09/28</edXML:PromulgationDate>",
                        "<edXML:PromulgationDate>2018-09-28</edXML:PromulgationDate>")
                .replace("<edXML:DueDate>2018/09/28</edXML:DueDate>", "<edXML:DueDate>2018/02/30</edXML:DueDate>")
                .replace("<edXML:Timestamp>2018/09/28 00:00:00</edXML:Timestamp>",
                        "<edXML:Timestamp>2018/09/28 24:00:00</edXML:Timestamp>");

        assertThat(findings(xml).stream().filter(ValidationFinding::isError)).containsExactlyInAnyOrder(
                new ValidationFinding(Severity.ERROR, "MessageHeader/PromulgationInfo/PromulgationDate",
                        "'2018-09-28' is not a valid date in the format yyyy/MM/dd"),
                new ValidationFinding(Severity.ERROR, "MessageHeader/DueDate",
                        "'2018/02/30' is not a valid date in the format yyyy/MM/dd"),
                new ValidationFinding(Severity.ERROR, "TraceHeaderList/TraceHeader/Timestamp",
                        "'2018/09/28 24:00:00' is not a valid date in the format yyyy/MM/dd HH:mm:ss"));
    }

    @Test
    void bussinessDocTypeMustBeKnown() {
        String xml = Samples.text("edoc_new.edxml").replace("<edXML:BussinessDocType>0<", "<edXML:BussinessDocType>7<");

        assertThat(findings(xml)).contains(new ValidationFinding(Severity.ERROR, "TraceHeaderList/Bussiness/BussinessDocType",
                "'7' is not a business type (0 new, 1 recall, 2 update, 3 replace)"));
    }

    @Test
    void replacementWithoutReplacedDocumentsIsAnError() {
        String xml = Samples.text("edoc_replacement.edxml")
                .replaceAll("(?s)<edXML:ReplacementInfoList>.*?</edXML:ReplacementInfoList>", "");

        assertThat(findings(xml)).contains(new ValidationFinding(Severity.ERROR,
                "TraceHeaderList/Bussiness/ReplacementInfoList", "is required when BussinessDocType is 3 (replace)"));
    }

    @Test
    void manifestAndAttachmentsMustAgree() {
        String missingAttachment = Samples.text("edoc_new.edxml").replaceAll("(?s)<AttachmentEncoded>.*</AttachmentEncoded>", "");
        assertThat(findings(missingAttachment)).contains(new ValidationFinding(Severity.ERROR,
                "edXMLManifest/Reference/ContentId", "'209' has no attachment in AttachmentEncoded"));

        String unannounced = Samples.text("edoc_new.edxml").replace("<edXML:ContentId>cid:209</edXML:ContentId>",
                "<edXML:ContentId>cid:210</edXML:ContentId>");
        assertThat(findings(unannounced)).contains(
                new ValidationFinding(Severity.WARNING, "AttachmentEncoded/Attachment/ContentId",
                        "'209' is not announced in edXMLManifest"),
                new ValidationFinding(Severity.ERROR, "edXMLManifest/Reference/ContentId",
                        "'210' has no attachment in AttachmentEncoded"));
    }

    @Test
    void statusRulesAreChecked() {
        String xml = Samples.text("status_finish_06.edxml")
                .replace(">06</edXML:StatusCode>", ">07</edXML:StatusCode>")
                .replace(">2015/09/20 11:08:36<", ">20/09/2015<")
                .replace(">000.00.00.G22,2015/09/30,7816/VPCP-TTĐT</edXML:DocumentId>", "></edXML:DocumentId>");

        assertThat(findings(xml).stream().filter(ValidationFinding::isError)).containsExactlyInAnyOrder(
                new ValidationFinding(Severity.ERROR, "MessageHeader/StatusCode", "'07' is not a status code (01–06, 13, 15, 16)"),
                new ValidationFinding(Severity.ERROR, "MessageHeader/Timestamp", "'20/09/2015' is not a valid date in the format yyyy/MM/dd HH:mm:ss"),
                new ValidationFinding(Severity.ERROR, "MessageHeader/ResponseFor/DocumentId", "is required"));
    }

    @Test
    void statusWithoutResponseForOrCodeIsAnError() {
        String xml = Samples.text("status_inbox_01.edxml")
                .replaceAll("(?s)<edXML:ResponseFor>.*?</edXML:ResponseFor>", "")
                .replaceAll("(?s)<edXML:StatusCode>.*?</edXML:StatusCode>", "")
                .replaceAll("(?s)<edXML:Timestamp>.*?</edXML:Timestamp>", "<edXML:StatusCode></edXML:StatusCode>");

        assertThat(findings(xml).stream().filter(ValidationFinding::isError).map(ValidationFinding::path))
                .containsExactlyInAnyOrder("MessageHeader/ResponseFor", "MessageHeader/StatusCode", "MessageHeader/Timestamp");
    }

    @Test
    void requireValidThrowsWithEveryErrorListed() {
        String xml = Samples.text("status_finish_06.edxml").replace(">06<", ">99<");

        assertThatThrownBy(() -> validator.requireValid(parse(xml)))
                .isInstanceOfSatisfying(EdxmlException.class,
                        e -> assertThat(e.reason()).isEqualTo(EdxmlException.Reason.EDXML_INVALID))
                .hasMessage("edXML breaks 1 rule(s): MessageHeader/StatusCode '99' is not a status code (01–06, 13, 15, 16)");
        assertThat(validator.requireValid(parse(Samples.text("status_finish_06.edxml")))).isEmpty();
    }
}
