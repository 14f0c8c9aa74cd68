package vn.lienthong.gateway.edxml;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import vn.lienthong.gateway.edxml.EdxmlException.Reason;
import vn.lienthong.gateway.support.SecureXml;

/**
 * Reads an edXML package (document or status message) with StAX: DOCTYPE and entities are refused,
 * the header is read into the model and attachment bytes are streamed to an {@link AttachmentSink}.
 * Element names are matched by local name, because real senders are loose with prefixes; unknown
 * elements are kept. Instances are thread-safe.
 */
public final class EdxmlParser {

    /** Headers are small; these bounds stop a hostile package from filling the heap through them. */
    static final int MAX_DEPTH = 64;
    static final int MAX_HEADER_ELEMENTS = 20_000;
    static final int MAX_TEXT_CHARS = 1 << 20;

    private final AttachmentSink sink;

    /** Attachments go to temporary files in the JVM's temporary directory. */
    public EdxmlParser() {
        this(AttachmentSink.tempFiles());
    }

    public EdxmlParser(AttachmentSink sink) {
        this.sink = sink;
    }

    /** Parses a document package or a status message, whichever the stream holds. */
    public EdxmlMessage parse(InputStream in) {
        List<Attachment> attachments = new ArrayList<>();
        XMLStreamReader reader = null;
        try {
            reader = SecureXml.inputFactory().createXMLStreamReader(new BufferedInputStream(in));
            return read(reader, attachments);
        } catch (XMLStreamException e) {
            discard(attachments);
            throw malformed(e);
        } catch (RuntimeException e) {
            discard(attachments);
            throw e;
        } finally {
            close(reader);
        }
    }

    public EdxmlMessage parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (NoSuchFileException e) {
            throw new EdxmlException(Reason.EDXML_IO, "edXML file not found: " + file, e);
        } catch (IOException e) {
            throw new EdxmlException(Reason.EDXML_IO, "cannot read edXML file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a package that must be a document; a status message is refused as EDXML_INVALID. */
    public EdxmlDocument parseDocument(InputStream in) {
        EdxmlMessage message = parse(in);
        if (message instanceof EdxmlDocument document) {
            return document;
        }
        throw new EdxmlException(Reason.EDXML_INVALID, "expected an edXML document package but got a status message");
    }

    /** Parses a package that must be a status message; a document is refused as EDXML_INVALID. */
    public EdxmlStatus parseStatus(InputStream in) {
        EdxmlMessage message = parse(in);
        if (message instanceof EdxmlStatus status) {
            return status;
        }
        ((EdxmlDocument) message).discardAttachments();
        throw new EdxmlException(Reason.EDXML_INVALID, "expected an edXML status message but got a document package");
    }

    private EdxmlMessage read(XMLStreamReader reader, List<Attachment> attachments) throws XMLStreamException {
        moveToRoot(reader);
        if (!"edXML".equals(reader.getLocalName())) {
            throw new EdxmlException(Reason.EDXML_MALFORMED,
                    "not an edXML package: root element is '" + reader.getLocalName() + "', expected 'edXML'");
        }
        if (!Edxml.NAMESPACE.equals(reader.getNamespaceURI())) {
            throw new EdxmlException(Reason.EDXML_MALFORMED, "not an edXML package: root element namespace is '"
                    + reader.getNamespaceURI() + "', expected '" + Edxml.NAMESPACE + "'");
        }
        Budget budget = new Budget();
        XmlElement envelope = null;
        while (nextStartOrEnd(reader) == XMLStreamConstants.START_ELEMENT) {
            switch (reader.getLocalName()) {
                case "edXMLEnvelope" -> envelope = readTree(reader, budget, 1);
                case "AttachmentEncoded" -> readAttachments(reader, budget, attachments);
                // Anything else at the top level has no meaning in the standard; it is read and dropped.
                default -> readTree(reader, budget, 1);
            }
        }
        if (envelope == null) {
            throw new EdxmlException(Reason.EDXML_MALFORMED, "edXML package has no edXMLEnvelope");
        }
        return EnvelopeMapper.map(envelope, attachments);
    }

    private static void moveToRoot(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD) {
                throw new EdxmlException(Reason.EDXML_HOSTILE_XML, SecureXml.DOCTYPE_REFUSED);
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                return;
            }
        }
        throw new EdxmlException(Reason.EDXML_MALFORMED, "edXML package is empty: no root element");
    }

    /** Skips text and comments between elements; returns START_ELEMENT or END_ELEMENT. */
    private static int nextStartOrEnd(XMLStreamReader reader) throws XMLStreamException {
        while (true) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
                    return event;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA,
                        XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    // whitespace and comments between elements carry nothing
                }
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD -> throw new EdxmlException(
                        Reason.EDXML_HOSTILE_XML, "entity references are not allowed in edXML");
                default -> throw new EdxmlException(Reason.EDXML_MALFORMED,
                        "unexpected end of the edXML package");
            }
        }
    }

    /** Reads the element the reader is on, with its subtree, into an {@link XmlElement}. */
    private static XmlElement readTree(XMLStreamReader reader, Budget budget, int depth) throws XMLStreamException {
        if (depth > MAX_DEPTH) {
            throw new EdxmlException(Reason.EDXML_LIMIT_EXCEEDED, "edXML is nested deeper than " + MAX_DEPTH + " levels");
        }
        budget.countElement();
        String namespace = reader.getNamespaceURI();
        String name = reader.getLocalName();
        List<XmlElement.Attribute> attributes = new ArrayList<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.add(new XmlElement.Attribute(reader.getAttributeNamespace(i), reader.getAttributePrefix(i),
                    reader.getAttributeLocalName(i), reader.getAttributeValue(i)));
        }
        StringBuilder text = new StringBuilder();
        List<XmlElement> children = new ArrayList<>();
        while (true) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> children.add(readTree(reader, budget, depth + 1));
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (text.length() + reader.getTextLength() > MAX_TEXT_CHARS) {
                        throw new EdxmlException(Reason.EDXML_LIMIT_EXCEEDED, "element '" + name
                                + "' has more than " + MAX_TEXT_CHARS + " characters of text");
                    }
                    text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    return new XmlElement(namespace, name, attributes, text.toString().trim(), children);
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    // comments are not part of the data (the samples comment out whole elements)
                }
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new EdxmlException(Reason.EDXML_HOSTILE_XML,
                        "entity references are not allowed in edXML");
                default -> throw new EdxmlException(Reason.EDXML_MALFORMED,
                        "unexpected end of the edXML package inside '" + name + "'");
            }
        }
    }

    private void readAttachments(XMLStreamReader reader, Budget budget, List<Attachment> attachments)
            throws XMLStreamException {
        while (nextStartOrEnd(reader) == XMLStreamConstants.START_ELEMENT) {
            if ("Attachment".equals(reader.getLocalName())) {
                attachments.add(readAttachment(reader, budget, attachments.size() + 1));
            } else {
                readTree(reader, budget, 2);
            }
        }
    }

    private Attachment readAttachment(XMLStreamReader reader, Budget budget, int index) throws XMLStreamException {
        String contentId = null;
        String name = null;
        String description = null;
        String contentType = null;
        AttachmentContent content = null;
        while (nextStartOrEnd(reader) == XMLStreamConstants.START_ELEMENT) {
            String element = reader.getLocalName();
            if ("ContentTransferEncoded".equals(element)) {
                if (content != null) {
                    content.discard();
                    throw new EdxmlException(Reason.EDXML_MALFORMED,
                            "attachment #" + index + " has more than one ContentTransferEncoded");
                }
                content = store(reader, contentId != null ? "cid:" + contentId : "#" + index);
                continue;
            }
            String text = readTree(reader, budget, 3).text();
            switch (element) {
                case "ContentId" -> contentId = Edxml.normaliseContentId(text);
                case "AttachmentName" -> name = text;
                case "Description" -> description = text;
                case "ContentType" -> contentType = text;
                default -> {
                    // unknown attachment metadata is not kept: attachments are re-described by the manifest
                }
            }
        }
        return new Attachment(contentId, name, description, contentType, content);
    }

    private AttachmentContent store(XMLStreamReader reader, String label) {
        Base64TextStream text = new Base64TextStream(reader, label);
        try (InputStream decoded = new DecodingErrors(Base64.getDecoder().wrap(text), label)) {
            AttachmentContent content = sink.store(decoded);
            text.drain();
            return content;
        } catch (IOException e) {
            throw new EdxmlException(Reason.EDXML_IO,
                    "cannot store attachment " + label + ": " + e.getMessage() + " (check disk space and permissions)", e);
        }
    }

    static EdxmlException malformed(XMLStreamException e) {
        String message = Optional.ofNullable(e.getMessage()).orElse("unreadable XML");
        // The JDK prefixes "ParseError at [row,col]:[..]\nMessage: "; the location is reported our own way.
        int cut = message.indexOf("Message: ");
        String reason = cut >= 0 ? message.substring(cut + "Message: ".length()) : message;
        Location location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNumber() + ", column "
                + location.getColumnNumber();
        if (reason.contains("DOCTYPE") || reason.contains("DTD")) {
            return new EdxmlException(Reason.EDXML_HOSTILE_XML, SecureXml.DOCTYPE_REFUSED + where, e);
        }
        // Only a reference to an undeclared entity is an attack pattern; a stray '&' is just bad XML.
        if (reason.contains("was referenced, but not declared")) {
            return new EdxmlException(Reason.EDXML_HOSTILE_XML,
                    "entity references are not allowed in edXML" + where + ": " + reason, e);
        }
        return new EdxmlException(Reason.EDXML_MALFORMED, "edXML is not well-formed XML" + where + ": " + reason, e);
    }

    private static void discard(List<Attachment> attachments) {
        attachments.stream().map(Attachment::content).filter(c -> c != null).forEach(AttachmentContent::discard);
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // closing a reader releases nothing we own; the input stream is the caller's
            }
        }
    }

    /** Counts header elements across the package. */
    private static final class Budget {
        private int elements;

        void countElement() {
            if (++elements > MAX_HEADER_ELEMENTS) {
                throw new EdxmlException(Reason.EDXML_LIMIT_EXCEEDED,
                        "edXML has more than " + MAX_HEADER_ELEMENTS + " elements");
            }
        }
    }

    /** Turns the JDK decoder's IOExceptions into EDXML_ATTACHMENT, so only sink I/O stays EDXML_IO. */
    private static final class DecodingErrors extends FilterInputStream {
        private final String label;

        DecodingErrors(InputStream in, String label) {
            super(in);
            this.label = label;
        }

        @Override
        public int read() {
            try {
                return super.read();
            } catch (IOException e) {
                throw invalid(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw invalid(e);
            }
        }

        private EdxmlException invalid(IOException e) {
            return new EdxmlException(Reason.EDXML_ATTACHMENT,
                    "attachment " + label + ": ContentTransferEncoded is not valid base64: " + e.getMessage(), e);
        }
    }
}
