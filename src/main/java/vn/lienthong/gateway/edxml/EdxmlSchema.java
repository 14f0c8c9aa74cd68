package vn.lienthong.gateway.edxml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;

import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

import vn.lienthong.gateway.edxml.EdxmlException.Reason;
import vn.lienthong.gateway.support.SecureXml;

/**
 * The edXML XSD ({@code schemas/edxml/edxml.xsd}), loaded once and used to validate packages with a
 * parser that refuses any DOCTYPE. Thread-safe. Xerces keeps each element's text while checking its
 * type, so {@link #validate(InputStream)} holds attachment text in memory: use it for packages of ordinary size,
 * and {@link #validateLarge(Path)} (attachment text elided; {@link EdxmlParser} decodes it, streaming) for large ones.
 */
public final class EdxmlSchema {

    /** Where the schema lives in the repository; the application resolves it against its base directory. */
    public static final Path DEFAULT_LOCATION = Path.of("schemas", "edxml", "edxml.xsd");

    private final Schema schema;

    private EdxmlSchema(Schema schema) {
        this.schema = schema;
    }

    public static EdxmlSchema load(Path xsd) {
        try {
            return new EdxmlSchema(SecureXml.schemaFactory().newSchema(xsd.toFile()));
        } catch (SAXException e) {
            throw new IllegalStateException("cannot load the edXML schema " + xsd + ": " + e.getMessage(), e);
        }
    }

    public void validate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            validate(in);
        } catch (IOException e) {
            throw new EdxmlException(Reason.EDXML_IO, "cannot read edXML file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Validates one package; the first violation is thrown as EDXML_INVALID with its line, column and
     * the parser's wording, which names the element that is missing or unexpected.
     */
    public void validate(InputStream in) {
        validate(in, false);
    }

    /**
     * Validates a package of any size: as {@link #validate(InputStream)}, but the text of each attachment
     * ({@code ContentTransferEncoded}) reaches the validator as a token of Base64, so it is not held in memory. The
     * structure, every header field and the attachments' own elements are checked as usual; the Base64 itself is
     * decoded, and so checked, by {@link EdxmlParser}.
     */
    public void validateLarge(Path file) {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            validate(in, true);
        } catch (IOException e) {
            throw new EdxmlException(Reason.EDXML_IO, "cannot read edXML file " + file + ": " + e.getMessage(), e);
        }
    }

    private void validate(InputStream in, boolean elideAttachments) {
        try {
            XMLReader parser = SecureXml.saxParserFactory().newSAXParser().getXMLReader();
            XMLReader reader = elideAttachments ? new AttachmentTextElided(parser) : parser;
            Validator validator = schema.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.validate(new SAXSource(reader, new InputSource(in)));
        } catch (SAXParseException e) {
            String where = "line " + e.getLineNumber() + ", column " + e.getColumnNumber();
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("DOCTYPE")) {
                throw new EdxmlException(Reason.EDXML_HOSTILE_XML, SecureXml.DOCTYPE_REFUSED + " (" + where + ")", e);
            }
            if (message.startsWith("cvc-")) {
                throw new EdxmlException(Reason.EDXML_INVALID,
                        "edXML does not match the schema at " + where + ": " + message, e);
            }
            throw new EdxmlException(Reason.EDXML_MALFORMED, "edXML is not well-formed XML at " + where + ": " + message, e);
        } catch (SAXException e) {
            throw new EdxmlException(Reason.EDXML_INVALID, "edXML does not match the schema: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's SAX parser cannot be configured securely", e);
        } catch (IOException e) {
            throw new EdxmlException(Reason.EDXML_IO, "cannot read edXML: " + e.getMessage(), e);
        }
    }

    /** Passes a package on with each attachment's Base64 text replaced by one short token. */
    private static final class AttachmentTextElided extends org.xml.sax.helpers.XMLFilterImpl {

        private static final char[] TOKEN = "AAAA".toCharArray();
        private boolean inAttachment;
        private boolean tokenSent;

        AttachmentTextElided(XMLReader parent) {
            super(parent);
        }

        @Override
        public void startElement(String uri, String localName, String qName, org.xml.sax.Attributes atts)
                throws SAXException {
            inAttachment = "ContentTransferEncoded".equals(localName);
            tokenSent = false;
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (!inAttachment) {
                super.characters(ch, start, length);
            } else if (!tokenSent) {
                tokenSent = true;
                super.characters(TOKEN, 0, TOKEN.length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            inAttachment = false;
            super.endElement(uri, localName, qName);
        }
    }
}
