package vn.lienthong.gateway.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerFactory;
import javax.xml.validation.SchemaFactory;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;

/**
 * The gateway's one XML hardening: every JAXP factory that reads untrusted XML is made here. The JDK's
 * own implementations are asked for by name ({@code newDefaultInstance}), so a StAX or Xerces jar
 * elsewhere on the classpath (Woodstox comes with CXF) cannot change how XML is read; every factory
 * has secure processing on, refuses any DOCTYPE, resolves no external entity, DTD, schema or
 * stylesheet, and bounds nesting depth.
 */
public final class SecureXml {

    /** One wording wherever a DOCTYPE is met, so operators see the same reason on every entry point. */
    public static final String DOCTYPE_REFUSED =
            "DOCTYPE is not allowed (it opens the door to entity expansion and external entities)";

    /** Deepest element nesting accepted by the DOM and SAX parsers (edXML counts its own, see EdxmlParser). */
    public static final int MAX_ELEMENT_DEPTH = 64;

    /** Most elements a DOM-parsed document (status and result files, SOAP requests) may hold. */
    public static final int MAX_ELEMENTS = 10_000;

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER = "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";
    private static final String JDK_MAX_DEPTH = "jdk.xml.maxElementDepth";

    private SecureXml() {
    }

    /** A refusal of XML for safety (a DOCTYPE), as opposed to XML that is merely not well-formed. */
    public static final class HostileXmlException extends SAXException {
        private static final long serialVersionUID = 1L;

        HostileXmlException(String message, Exception cause) {
            super(message, cause);
        }
    }

    /** A namespace-aware DOM builder that refuses any DOCTYPE and fails on the first error. */
    public static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL, false);
            factory.setFeature(EXTERNAL_PARAMETER, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setAttribute(JDK_MAX_DEPTH, String.valueOf(MAX_ELEMENT_DEPTH));
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new FailFast());
            // With DOCTYPE disallowed no entity can be declared; this is a second lock on the same door.
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity '" + systemId + "' is not allowed");
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be hardened; refusing to parse untrusted XML", e);
        }
    }

    /** An empty DOM document, for building XML (never for reading it). */
    public static Document newDocument() {
        return newBuilder().newDocument();
    }

    /**
     * Parses untrusted bytes. A DOCTYPE fails with {@link HostileXmlException}; malformed XML with a
     * {@link SAXException} whose message says where and why.
     */
    public static Document parse(byte[] xml) throws SAXException {
        return parse(new ByteArrayInputStream(xml));
    }

    /** As {@link #parse(byte[])}, from a stream the caller closes. */
    public static Document parse(InputStream xml) throws SAXException {
        try {
            Document document = newBuilder().parse(xml);
            int elements = document.getElementsByTagName("*").getLength();
            if (elements > MAX_ELEMENTS) {
                throw new SAXException("the XML has " + elements + " elements, more than the " + MAX_ELEMENTS
                        + " allowed");
            }
            return document;
        } catch (HostileXmlException e) {
            throw e;
        } catch (SAXException e) {
            if (isDoctypeRefusal(e)) {
                throw new HostileXmlException(DOCTYPE_REFUSED, e);
            }
            throw e;
        } catch (IOException e) {
            throw new SAXException("the XML could not be read: " + e.getMessage(), e);
        }
    }

    /** True when {@code failure} (or a cause) is a parser's refusal of a DOCTYPE, DTD or entity. */
    public static boolean isDoctypeRefusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HostileXmlException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("DOCTYPE") || message.contains("DTD")
                    || message.contains("ENTITY"))) {
                return true;
            }
        }
        return false;
    }

    /** StAX reader factory: no DTD, no external entities, text delivered in chunks (not coalesced). */
    public static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        // Not coalescing: a 100 MB base64 text must arrive in parser-sized chunks, not as one String.
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return factory;
    }

    /** StAX writer factory (the JDK's, so output does not depend on the classpath either). */
    public static XMLOutputFactory outputFactory() {
        return XMLOutputFactory.newDefaultFactory();
    }

    /** SAX parser factory, e.g. for schema validation while streaming: any DOCTYPE is a fatal error. */
    public static SAXParserFactory saxParserFactory() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL, false);
            factory.setFeature(EXTERNAL_PARAMETER, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
            return factory;
        } catch (ParserConfigurationException | SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks a required security feature", e);
        }
    }

    /** Schema factory that may not fetch anything: the gateway's XSDs are self-contained under schemas/. */
    public static SchemaFactory schemaFactory() {
        try {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory;
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK's schema factory lacks a required security feature", e);
        }
    }

    /** Transformer factory for serialising DOM (identity transforms only): no external DTD or stylesheet. */
    public static TransformerFactory transformerFactory() {
        try {
            TransformerFactory factory = TransformerFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            return factory;
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException("the JDK's transformer factory lacks secure processing", e);
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
