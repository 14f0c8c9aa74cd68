package vn.lienthong.gateway.edxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import vn.lienthong.gateway.edxml.EdxmlException.Reason;

/** The XSD in schemas/edxml accepts every sample and names what is missing in a broken package. */
class EdxmlSchemaTest {

    private static EdxmlSchema schema;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadSchema() {
        // Tests run from the project directory; the schema is read from where the application reads it.
        schema = EdxmlSchema.load(EdxmlSchema.DEFAULT_LOCATION);
    }

    @ParameterizedTest
    @MethodSource("vn.lienthong.gateway.edxml.Samples#all")
    void everySampleIsValid(String sample) {
        schema.validate(Samples.path(sample));
    }

    @ParameterizedTest
    @MethodSource("vn.lienthong.gateway.edxml.Samples#all")
    void whatTheWriterProducesIsValid(String sample) {
        EdxmlMessage message = new EdxmlParser(AttachmentSink.tempFiles(tmp)).parse(Samples.path(sample));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EdxmlWriter().write(message, out);

        schema.validate(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void missingCodeIsNamed() {
        String xml = Samples.text("edoc_update.edxml").replaceAll("(?s)<edXML:Code>.*?</edXML:Code>", "");

        assertThatThrownBy(() -> schema.validate(EdxmlParserTest.in(xml)))
                .isInstanceOfSatisfying(EdxmlException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EDXML_INVALID))
                .hasMessageContaining("edXML does not match the schema at line")
                .hasMessageContaining("PromulgationInfo")
                .hasMessageContaining(":Code}");
    }

    @ParameterizedTest
    @MethodSource("vn.lienthong.gateway.edxml.Samples#all")
    void everySampleIsValidWithItsAttachmentTextElided(String sample) {
        schema.validateLarge(Samples.path(sample));
    }

    @Test
    void withAttachmentTextElidedAMissingFieldIsStillNamed() throws Exception {
        // Large packages are checked with the attachments' Base64 replaced by a token: the rest is checked as always.
        String xml = Samples.text("edoc_new.edxml").replaceAll("(?s)<edXML:Code>.*?</edXML:Code>", "");
        assertThat(xml).contains("ContentTransferEncoded>");
        Path file = java.nio.file.Files.writeString(tmp.resolve("no-code.edxml"), xml);

        assertThatThrownBy(() -> schema.validateLarge(file))
                .isInstanceOfSatisfying(EdxmlException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EDXML_INVALID))
                .hasMessageContaining("PromulgationInfo")
                .hasMessageContaining(":Code}");
    }

    @Test
    void missingStatusCodeIsNamed() {
        String xml = Samples.text("status_finish_06.edxml").replace("<edXML:StatusCode>06</edXML:StatusCode>", "");

        assertThatThrownBy(() -> schema.validate(EdxmlParserTest.in(xml)))
                .isInstanceOf(EdxmlException.class)
                .hasMessageContaining(":StatusCode}");
    }

    @Test
    void missingOrganIdIsNamed() {
        String xml = Samples.text("status_finish_06.edxml").replace("<edXML:OrganId>000.00.00.H41</edXML:OrganId>", "");

        assertThatThrownBy(() -> schema.validate(EdxmlParserTest.in(xml)))
                .isInstanceOf(EdxmlException.class)
                .hasMessageContaining("OrganId");
    }

    @Test
    void unknownStatusCodeIsRefused() {
        String xml = Samples.text("status_finish_06.edxml").replace(">06<", ">07<");

        assertThatThrownBy(() -> schema.validate(EdxmlParserTest.in(xml)))
                .isInstanceOf(EdxmlException.class)
                .hasMessageContaining("'07'");
    }

    @Test
    void foreignExtensionElementsAreAllowed() {
        String xml = Samples.text("edoc_new.edxml").replace("<edXML:SteeringType>",
                "<x:Extra xmlns:x=\"urn:example\"><x:Any>1</x:Any></x:Extra><edXML:SteeringType>");

        schema.validate(EdxmlParserTest.in(xml));
    }

    @Test
    void doctypeIsRefusedByTheSchemaCheckToo() {
        String xml = "<!DOCTYPE edXML [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + Samples.text("status_finish_06.edxml").replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "");

        assertThatThrownBy(() -> schema.validate(EdxmlParserTest.in(xml)))
                .isInstanceOfSatisfying(EdxmlException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EDXML_HOSTILE_XML))
                .hasMessageStartingWith("DOCTYPE is not allowed");
    }
}
