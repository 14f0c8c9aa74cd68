package vn.lienthong.gateway.edxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.edxml.EdxmlException.Reason;

/** Hostile or broken input fails with a reason code and a message saying why, and leaves no files. */
class HostileXmlTest {

    private static final String ROOT = "<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">";

    @TempDir
    Path tmp;

    private EdxmlException failure(String xml) {
        EdxmlParser parser = new EdxmlParser(AttachmentSink.tempFiles(tmp));
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> parser.parse(EdxmlParserTest.in(xml)));
        assertThat(thrown).isInstanceOf(EdxmlException.class);
        assertThat(tmp).isEmptyDirectory();
        return (EdxmlException) thrown;
    }

    @Test
    void externalEntityIsRefusedBeforeAnyFileIsRead() {
        EdxmlException e = failure("<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + ROOT + "<x>&xxe;</x></edXML>");

        assertThat(e.reason()).isEqualTo(Reason.EDXML_HOSTILE_XML);
        assertThat(e.getMessage()).startsWith("DOCTYPE is not allowed").doesNotContain("root:");
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE edXML [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");

        EdxmlException e = failure(dtd + ROOT + "<x>&lol9;</x></edXML>");

        assertThat(e.reason()).isEqualTo(Reason.EDXML_HOSTILE_XML);
        assertThat(e.getMessage()).contains("DOCTYPE is not allowed");
    }

    @Test
    void externalDtdIsRefused() {
        EdxmlException e = failure("<!DOCTYPE edXML SYSTEM \"http://127.0.0.1:9/evil.dtd\">" + ROOT + "</edXML>");

        assertThat(e.reason()).isEqualTo(Reason.EDXML_HOSTILE_XML);
        assertThat(e.getMessage()).contains("DOCTYPE is not allowed");
    }

    @Test
    void parameterEntityIsRefused() {
        EdxmlException e = failure("<!DOCTYPE edXML [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p\"> %p;]>"
                + ROOT + "</edXML>");

        assertThat(e.reason()).isEqualTo(Reason.EDXML_HOSTILE_XML);
    }

    @Test
    void undeclaredEntityReferenceIsRefused() {
        EdxmlException e = failure(ROOT + "<edXMLEnvelope><x>&xxe;</x></edXMLEnvelope></edXML>");

        assertThat(e.reason()).isEqualTo(Reason.EDXML_HOSTILE_XML);
        assertThat(e.getMessage()).contains("entity").contains("line 1");
    }

    @Test
    void strayAmpersandIsMalformedNotHostile() {
        EdxmlException e = failure(ROOT + "<edXMLEnvelope><x>A & B</x></edXMLEnvelope></edXML>");

        assertThat(e.reason()).isEqualTo(Reason.EDXML_MALFORMED);
        assertThat(e.getMessage()).startsWith("edXML is not well-formed XML at line 1");
    }

    @Test
    void xincludeIsNotProcessedButKeptAsAnUnknownElement() {
        String xml = Samples.text("status_inbox_01.edxml").replace("<edXML:Timestamp>",
                "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/>"
                        + "<edXML:Timestamp>");

        EdxmlStatus status = new EdxmlParser().parseStatus(EdxmlParserTest.in(xml));

        assertThat(status.unknownElements()).singleElement().satisfies(x -> {
            assertThat(x.localName()).isEqualTo("include");
            assertThat(x.text()).isEmpty();
            assertThat(x.children()).isEmpty();
        });
    }

    @Test
    void notXmlIsMalformedWithItsPosition() {
        EdxmlException e = failure(ROOT + "<edXMLEnvelope></edXML>");

        assertThat(e.reason()).isEqualTo(Reason.EDXML_MALFORMED);
        assertThat(e.getMessage()).startsWith("edXML is not well-formed XML at line 1");
    }

    @Test
    void otherRootIsNotAnEdxmlPackage() {
        assertThat(failure("<invoice/>").getMessage())
                .isEqualTo("not an edXML package: root element is 'invoice', expected 'edXML'");
        assertThat(failure("<edXML xmlns=\"urn:other\"/>").getMessage()).contains("namespace is 'urn:other'");
        assertThat(failure(ROOT + "</edXML>").getMessage()).isEqualTo("edXML package has no edXMLEnvelope");
    }

    @Test
    void deepNestingIsLimited() {
        String xml = ROOT + "<edXMLEnvelope>" + "<a>".repeat(100) + "</a>".repeat(100) + "</edXMLEnvelope></edXML>";

        EdxmlException e = failure(xml);

        assertThat(e.reason()).isEqualTo(Reason.EDXML_LIMIT_EXCEEDED);
        assertThat(e.getMessage()).contains("nested deeper than 64");
    }

    @Test
    void hugeHeaderTextIsLimited() {
        String xml = ROOT + "<edXMLEnvelope><Subject>" + "x".repeat(EdxmlParser.MAX_TEXT_CHARS + 1)
                + "</Subject></edXMLEnvelope></edXML>";

        EdxmlException e = failure(xml);

        assertThat(e.reason()).isEqualTo(Reason.EDXML_LIMIT_EXCEEDED);
        assertThat(e.getMessage()).contains("'Subject'");
    }

    @Test
    void attachmentThatIsNotBase64IsRefusedAndItsFileRemoved() {
        String xml = Samples.text("edoc_new.edxml").replace("UEsDBBQACAgIAEuSPE0", "UEsDBBQACAgIAEuSPE0*");

        EdxmlException e = failure(xml);

        assertThat(e.reason()).isEqualTo(Reason.EDXML_ATTACHMENT);
        assertThat(e.getMessage()).contains("cid:209").contains("not base64");
    }

    @Test
    void truncatedBase64IsRefused() {
        String xml = Samples.text("edoc_new.edxml").replace("AAAAA==</edXML:ContentTransferEncoded>",
                "AAAAA=</edXML:ContentTransferEncoded>");

        EdxmlException e = failure(xml);

        assertThat(e.reason()).isEqualTo(Reason.EDXML_ATTACHMENT);
        assertThat(e.getMessage()).contains("not valid base64");
    }

    @Test
    void missingHeaderIsMalformed() {
        EdxmlException e = failure(ROOT + "<edXMLEnvelope><edXMLBody/></edXMLEnvelope></edXML>");

        assertThat(e.reason()).isEqualTo(Reason.EDXML_MALFORMED);
        assertThat(e.getMessage()).contains("edXMLHeader");
    }
}
