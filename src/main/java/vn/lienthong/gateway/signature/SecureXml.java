package vn.lienthong.gateway.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Parses and writes XML for signing and verification without DTDs, external entities or XInclude, so hostile packages cannot reach files or the network. */
final class SecureXml {

    private SecureXml() {
    }

    static Document parse(byte[] xml) {
        return parse(new ByteArrayInputStream(xml));
    }

    static Document parse(InputStream xml) {
        try {
            DocumentBuilder builder = newBuilderFactory().newDocumentBuilder();
            builder.setErrorHandler(new FailFast());
            // No entity is ever resolved; with DOCTYPE disallowed this is a second lock on the same door.
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity '" + systemId + "' is not allowed");
            });
            return builder.parse(xml);
        } catch (SAXException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (message.contains("DOCTYPE")) {
                throw new UnreadableDocumentException("XML document rejected: DOCTYPE declarations are not allowed "
                        + "(they enable entity-expansion and external-entity attacks): " + message, e);
            }
            throw new UnreadableDocumentException("XML document rejected: not well-formed or not safe to read: " + message, e);
        } catch (IOException e) {
            throw new UnreadableDocumentException("XML document cannot be read: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser does not support secure processing", e);
        }
    }

    static DocumentBuilderFactory newBuilderFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    /** Writes the document as UTF-8 exactly as it is in the DOM: no indentation, which would break the signature. */
    static void write(Document document, OutputStream out) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            transformer.transform(new DOMSource(document), new StreamResult(out));
        } catch (TransformerException e) {
            throw new SigningFailedException("cannot serialise the signed XML document: " + e.getMessage(), e);
        }
    }

    private static final class FailFast implements ErrorHandler {
        @Override
        public void warning(SAXParseException exception) {
            // warnings do not make a document unsafe
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    }
}
