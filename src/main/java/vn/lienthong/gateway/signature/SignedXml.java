package vn.lienthong.gateway.signature;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;

import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

import vn.lienthong.gateway.support.SecureXml;

/** Reads and writes the XML that is signed or verified through the gateway's one hardening ({@link SecureXml}), in this package's exceptions. */
final class SignedXml {

    private SignedXml() {
    }

    static Document parse(byte[] xml) {
        return parse(new ByteArrayInputStream(xml));
    }

    static Document parse(InputStream xml) {
        try {
            return SecureXml.parse(xml);
        } catch (SecureXml.HostileXmlException e) {
            throw new UnreadableDocumentException("XML document rejected: " + SecureXml.DOCTYPE_REFUSED, e);
        } catch (SAXException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new UnreadableDocumentException("XML document rejected: not well-formed or not safe to read: " + message, e);
        }
    }

    /** Writes the document as UTF-8 exactly as it is in the DOM: no indentation, which would break the signature. */
    static void write(Document document, OutputStream out) {
        serialise(document, out, false, "the signed XML document");
    }

    /** One element as UTF-8 bytes, without an XML declaration or indentation (its namespaces declared on it). */
    static byte[] fragment(org.w3c.dom.Node element) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(8192);
        serialise(element, out, true, "the signature");
        return out.toByteArray();
    }

    private static void serialise(org.w3c.dom.Node node, OutputStream out, boolean omitDeclaration, String what) {
        try {
            Transformer transformer = SecureXml.transformerFactory().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            if (omitDeclaration) {
                transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            }
            transformer.transform(new DOMSource(node), new StreamResult(out));
        } catch (TransformerException e) {
            throw new SigningFailedException("cannot serialise " + what + ": " + e.getMessage(), e);
        }
    }
}
