package vn.lienthong.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;

/** The one XML hardening: the JDK's parsers by name, secure processing everywhere, one answer to a DOCTYPE. */
class SecureXmlTest {

    @TempDir
    Path dir;

    @Test
    void everyFactoryIsTheJdksOwnWhateverTheClasspathOffers() throws Exception {
        // Woodstox (from CXF) and Saxon (xslt-saxon) are on this classpath and register themselves as services.
        assertThat(XMLInputFactory.newInstance().getClass().getName()).startsWith("com.ctc.wstx");
        assertThat(SecureXml.inputFactory().getClass().getName()).startsWith("com.sun.xml.internal");
        assertThat(SecureXml.outputFactory().getClass().getName()).startsWith("com.sun.xml.internal");
        assertThat(SecureXml.newBuilder().getClass().getName()).startsWith("com.sun.org.apache");
        assertThat(SecureXml.saxParserFactory().getClass().getName()).startsWith("com.sun.org.apache");
        assertThat(SecureXml.schemaFactory().getClass().getName()).startsWith("com.sun.org.apache");
        assertThat(SecureXml.transformerFactory().getClass().getName()).startsWith("com.sun.org.apache");
    }

    @Test
    void secureProcessingIsOnForEveryFactoryThatHasIt() throws Exception {
        assertThat(SecureXml.saxParserFactory().getFeature(XMLConstants.FEATURE_SECURE_PROCESSING)).isTrue();
        assertThat(SecureXml.schemaFactory().getFeature(XMLConstants.FEATURE_SECURE_PROCESSING)).isTrue();
        assertThat(SecureXml.transformerFactory().getFeature(XMLConstants.FEATURE_SECURE_PROCESSING)).isTrue();
        assertThat(SecureXml.inputFactory().getProperty(XMLInputFactory.SUPPORT_DTD)).isEqualTo(false);
    }

    @Test
    void aDoctypeIsAlwaysHostileAndNoFileIsRead() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r>&x;</r>";
        assertThatThrownBy(() -> SecureXml.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SecureXml.HostileXmlException.class)
                .hasMessageStartingWith("DOCTYPE is not allowed")
                .hasMessageNotContaining("TOP-SECRET");
        GatewayException mapped = catchXml(xxe);
        assertThat(mapped.code()).isEqualTo(ErrorCode.HOSTILE_XML);
        assertThat(mapped.getMessage()).contains("DOCTYPE is not allowed").doesNotContain("TOP-SECRET");
    }

    @Test
    void malformedXmlIsMalformedNotHostile() {
        GatewayException mapped = catchXml("<r>&</r>");
        assertThat(mapped.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(mapped.getMessage()).contains("is not well-formed XML");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() throws Exception {
        int depth = SecureXml.MAX_ELEMENT_DEPTH + 10;
        String deep = "<a>".repeat(depth) + "</a>".repeat(depth);
        assertThatThrownBy(() -> SecureXml.parse(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SAXException.class).hasMessageContaining("maxElementDepth");
        String fine = "<a>".repeat(10) + "</a>".repeat(10);
        assertThat(SecureXml.parse(fine.getBytes(StandardCharsets.UTF_8)).getDocumentElement().getLocalName())
                .isEqualTo("a");
    }

    @Test
    void theStaxReaderNeverResolvesAnEntity() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xxe = "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r>&x;</r>";
        XMLStreamReader reader = SecureXml.inputFactory().createXMLStreamReader(new StringReader(xxe));
        StringBuilder text = new StringBuilder();
        try {
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamReader.CHARACTERS) {
                    text.append(reader.getText());
                }
            }
        } catch (Exception refused) {
            // refusing is as good as not resolving
        }
        assertThat(text.toString()).doesNotContain("TOP-SECRET");
    }

    @Test
    void aSchemaCannotFetchAnotherSchema() {
        String xsd = """
                <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
                  <xs:import namespace="urn:x" schemaLocation="http://127.0.0.1:9/other.xsd"/>
                </xs:schema>""";
        assertThatThrownBy(() -> SecureXml.schemaFactory().newSchema(new StreamSource(new StringReader(xsd))))
                .isInstanceOf(SAXException.class).hasMessageContaining("accessExternalSchema");
    }

    private static GatewayException catchXml(String xml) {
        try {
            SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8));
        } catch (SAXException e) {
            return GatewayException.unreadableXml("The test file", e);
        }
        throw new AssertionError("parsed: " + xml);
    }
}
