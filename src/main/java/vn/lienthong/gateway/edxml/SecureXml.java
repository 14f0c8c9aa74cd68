package vn.lienthong.gateway.edxml;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.validation.SchemaFactory;

import org.xml.sax.SAXException;

/**
 * Hardened JAXP factories. The JDK's own implementations are asked for by name, so a StAX or
 * Xerces jar elsewhere on the classpath (Woodstox comes with CXF) cannot change how edXML is read.
 */
final class SecureXml {

    /** Message used wherever a DOCTYPE is met, so operators see one wording. */
    static final String DOCTYPE_REFUSED =
            "DOCTYPE is not allowed in edXML (protects against entity expansion and external entities)";

    private SecureXml() {
    }

    /** StAX reader factory: no DTD, no external entities, text delivered in chunks. */
    static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // Not coalescing: a 100 MB base64 text must arrive in parser-sized chunks, not as one String.
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new javax.xml.stream.XMLStreamException("external resource refused: " + systemId);
        });
        return factory;
    }

    static XMLOutputFactory outputFactory() {
        return XMLOutputFactory.newDefaultFactory();
    }

    /** SAX parser for schema validation: any DOCTYPE is a fatal error, no XInclude. */
    static SAXParserFactory saxParserFactory() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks a required security feature", e);
        }
    }

    /** Schema factory that may not fetch anything: the XSD is self-contained. */
    static SchemaFactory schemaFactory() {
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
}
