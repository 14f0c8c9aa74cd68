package vn.lienthong.gateway.edxml;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import vn.lienthong.gateway.edxml.EdxmlException.Reason;
import vn.lienthong.gateway.support.SecureXml;

/**
 * Writes the model as an edXML package with StAX, in the layout of the public samples: root in the
 * default edXML namespace, envelope under the {@code edXML:} prefix, attachments base64-encoded
 * while streamed from their files. Absent (null) fields are left out; empty ones are written empty.
 * Instances are thread-safe.
 */
public final class EdxmlWriter {

    /** 48 KiB of bytes become 64 KiB of base64 characters: whole groups of 3 bytes, no padding mid-way. */
    private static final int BASE64_CHUNK_BYTES = 3 * 16 * 1024;

    public void write(EdxmlMessage message, Path file) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            write(message, out);
        } catch (IOException e) {
            throw new EdxmlException(Reason.EDXML_IO, "cannot write edXML file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the package to {@code out} as UTF-8; the stream is flushed, not closed. */
    public void write(EdxmlMessage message, OutputStream out) {
        try {
            XMLStreamWriter writer = SecureXml.outputFactory().createXMLStreamWriter(out, "UTF-8");
            Out x = new Out(writer);
            writer.writeStartDocument("UTF-8", "1.0");
            writer.writeCharacters("\n");
            writer.writeStartElement("", "edXML", Edxml.NAMESPACE);
            writer.writeDefaultNamespace(Edxml.NAMESPACE);
            x.opened();
            x.indent();
            writer.writeStartElement(Edxml.PREFIX, "edXMLEnvelope", Edxml.NAMESPACE);
            writer.writeNamespace(Edxml.PREFIX, Edxml.NAMESPACE);
            x.opened();
            x.start("edXMLHeader");
            if (message instanceof EdxmlDocument document) {
                writeMessageHeader(x, document.messageHeader());
                writeTraceHeaderList(x, document.traceHeaderList());
            } else {
                EdxmlStatus status = (EdxmlStatus) message;
                writeStatusHeader(x, status);
                writeTraceHeaderList(x, status.traceHeaderList());
            }
            x.raw(message.signature());
            message.unknownHeaderElements().forEach(x::raw);
            x.end();
            if (message instanceof EdxmlDocument document && document.manifest() != null) {
                x.start("edXMLBody");
                writeManifest(x, document.manifest());
                x.end();
            }
            x.end();
            if (message instanceof EdxmlDocument document && !document.attachments().isEmpty()) {
                writeAttachments(x, document.attachments());
            }
            x.end();
            writer.writeCharacters("\n");
            writer.writeEndDocument();
            writer.flush();
            writer.close();
            out.flush();
        } catch (XMLStreamException e) {
            throw new EdxmlException(Reason.EDXML_IO, "cannot write edXML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EdxmlException(Reason.EDXML_IO, "cannot write edXML: " + e.getMessage(), e);
        }
    }

    private static void writeMessageHeader(Out x, MessageHeader h) throws XMLStreamException {
        if (h == null) {
            return;
        }
        x.start("MessageHeader");
        writeOrganization(x, "From", h.from());
        for (Organization to : h.to()) {
            writeOrganization(x, "To", to);
        }
        x.leaf("DocumentId", h.documentId());
        if (h.code() != null) {
            x.start("Code");
            x.leaf("CodeNumber", h.code().codeNumber());
            x.leaf("CodeNotation", h.code().codeNotation());
            x.end();
        }
        if (h.promulgationInfo() != null) {
            x.start("PromulgationInfo");
            x.leaf("Place", h.promulgationInfo().place());
            x.leaf("PromulgationDate", h.promulgationInfo().promulgationDate());
            x.end();
        }
        if (h.documentType() != null) {
            x.start("DocumentType");
            x.leaf("Type", h.documentType().type());
            x.leaf("TypeDetail", h.documentType().typeDetail());
            x.leaf("TypeName", h.documentType().typeName());
            x.end();
        }
        x.leaf("Subject", h.subject());
        x.leaf("Content", h.content());
        if (h.signerInfo() != null) {
            x.start("SignerInfo");
            x.leaf("Competence", h.signerInfo().competence());
            x.leaf("Position", h.signerInfo().position());
            x.leaf("FullName", h.signerInfo().fullName());
            x.end();
        }
        x.leaf("DueDate", h.dueDate());
        writeOtherInfo(x, h.otherInfo());
        for (ResponseFor responseFor : h.responseFor()) {
            writeResponseFor(x, responseFor);
        }
        x.leaf("SteeringType", h.steeringType());
        x.list("ToPlaces", "Place", h.toPlaces());
        h.unknownElements().forEach(x::raw);
        x.end();
    }

    private static void writeStatusHeader(Out x, EdxmlStatus s) throws XMLStreamException {
        x.start("MessageHeader");
        writeOrganization(x, "From", s.from());
        writeResponseFor(x, s.responseFor());
        writeStaffInfo(x, s.staffInfo());
        x.leaf("StatusCode", s.statusCode());
        x.leaf("Description", s.description());
        x.leaf("Timestamp", s.timestamp());
        s.unknownElements().forEach(x::raw);
        x.end();
    }

    private static void writeOrganization(Out x, String element, Organization o) throws XMLStreamException {
        if (o == null) {
            return;
        }
        x.start(element);
        x.leaf("OrganId", o.organId());
        x.leaf("OrganizationInCharge", o.organizationInCharge());
        x.leaf("OrganName", o.organName());
        x.leaf("OrganAdd", o.organAdd());
        x.leaf("Email", o.email());
        x.leaf("Telephone", o.telephone());
        x.leaf("Fax", o.fax());
        x.leaf("Website", o.website());
        o.unknownElements().forEach(x::raw);
        x.end();
    }

    private static void writeOtherInfo(Out x, OtherInfo o) throws XMLStreamException {
        if (o == null) {
            return;
        }
        x.start("OtherInfo");
        x.leaf("Priority", o.priority());
        x.leaf("SphereOfPromulgation", o.sphereOfPromulgation());
        x.leaf("TyperNotation", o.typerNotation());
        x.leaf("PromulgationAmount", o.promulgationAmount());
        x.leaf("PageAmount", o.pageAmount());
        x.leaf("Direction", o.direction());
        x.list("Appendixes", "Appendix", o.appendixes());
        o.unknownElements().forEach(x::raw);
        x.end();
    }

    private static void writeResponseFor(Out x, ResponseFor r) throws XMLStreamException {
        if (r == null) {
            return;
        }
        x.start("ResponseFor");
        x.leaf("OrganId", r.organId());
        x.leaf("Code", r.code());
        x.leaf("PromulgationDate", r.promulgationDate());
        x.leaf("DocumentId", r.documentId());
        x.end();
    }

    private static void writeStaffInfo(Out x, StaffInfo s) throws XMLStreamException {
        if (s == null) {
            return;
        }
        x.start("StaffInfo");
        x.leaf("Department", s.department());
        x.leaf("Staff", s.staff());
        x.leaf("Email", s.email());
        x.leaf("Mobile", s.mobile());
        x.end();
    }

    private static void writeTraceHeaderList(Out x, TraceHeaderList t) throws XMLStreamException {
        if (t == null) {
            return;
        }
        x.start("TraceHeaderList");
        for (TraceHeader h : t.traceHeaders()) {
            x.start("TraceHeader");
            x.leaf("OrganId", h.organId());
            x.leaf("Timestamp", h.timestamp());
            x.end();
        }
        Bussiness b = t.bussiness();
        if (b != null) {
            x.start("Bussiness");
            x.leaf("DocumentId", b.documentId());
            x.leaf("BussinessDocType", b.bussinessDocType());
            x.leaf("BussinessDocReason", b.bussinessDocReason());
            x.leaf("Paper", b.paper());
            BussinessDocumentInfo info = b.bussinessDocumentInfo();
            if (info != null) {
                x.start("BussinessDocumentInfo");
                x.leaf("DocumentInfo", info.documentInfo());
                x.leaf("DocumentReceiver", info.documentReceiver());
                if (!info.receivers().isEmpty()) {
                    x.start("ReceiverList");
                    for (Receiver r : info.receivers()) {
                        x.start("Receiver");
                        x.leaf("OrganId", r.organId());
                        x.leaf("ReceiverType", r.receiverType());
                        x.end();
                    }
                    x.end();
                }
                x.end();
            }
            if (!b.replacementInfoList().isEmpty()) {
                x.start("ReplacementInfoList");
                for (ReplacementInfo r : b.replacementInfoList()) {
                    x.start("ReplacementInfo");
                    x.leaf("DocumentId", r.documentId());
                    x.list("OrganIdList", "OrganId", r.organIds());
                    x.end();
                }
                x.end();
            }
            writeStaffInfo(x, b.staffInfo());
            b.unknownElements().forEach(x::raw);
            x.end();
        }
        x.end();
    }

    private static void writeManifest(Out x, Manifest m) throws XMLStreamException {
        x.start("edXMLManifest");
        if (m.version() != null) {
            x.writer.writeAttribute("version", m.version());
        }
        for (ManifestReference r : m.references()) {
            x.start("Reference");
            x.leaf("ContentId", cid(r.contentId()));
            x.leaf("ContentType", r.contentType());
            x.leaf("Description", r.description());
            x.leaf("AttachmentName", r.attachmentName());
            x.end();
        }
        x.end();
    }

    /** Attachments in the default namespace without prefix, as the samples write them. */
    private static void writeAttachments(Out x, List<Attachment> attachments) throws XMLStreamException, IOException {
        x.prefix = "";
        x.start("AttachmentEncoded");
        for (Attachment a : attachments) {
            x.start("Attachment");
            x.leaf("ContentId", cid(a.contentId()));
            x.leaf("AttachmentName", a.attachmentName());
            x.leaf("Description", a.description());
            x.leaf("ContentType", a.contentType());
            if (a.content() != null) {
                x.indent();
                x.writer.writeStartElement(Edxml.PREFIX, "ContentTransferEncoded", Edxml.NAMESPACE);
                x.writer.writeNamespace(Edxml.PREFIX, Edxml.NAMESPACE);
                writeBase64(x.writer, a.content());
                x.writer.writeEndElement();
            }
            x.end();
        }
        x.end();
    }

    private static void writeBase64(XMLStreamWriter writer, AttachmentContent content)
            throws IOException, XMLStreamException {
        Base64.Encoder encoder = Base64.getEncoder();
        byte[] buffer = new byte[BASE64_CHUNK_BYTES];
        char[] chars = new char[BASE64_CHUNK_BYTES / 3 * 4];
        try (InputStream in = content.openStream()) {
            int read;
            while ((read = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                byte[] encoded = encoder.encode(read == buffer.length ? buffer : Arrays.copyOf(buffer, read));
                for (int i = 0; i < encoded.length; i++) {
                    chars[i] = (char) encoded[i];
                }
                writer.writeCharacters(chars, 0, encoded.length);
            }
        }
    }

    private static String cid(String contentId) {
        return contentId == null ? null : "cid:" + contentId;
    }

    /** Indentation and element helpers over the StAX writer; text always goes through the writer's escaping. */
    private static final class Out {
        private final XMLStreamWriter writer;
        private int depth;
        private String prefix = Edxml.PREFIX;
        /** Whether the element just closed had child elements, to put its end tag on its own line. */
        private final ArrayDeque<Boolean> hasChildren = new ArrayDeque<>();

        Out(XMLStreamWriter writer) {
            this.writer = writer;
        }

        void indent() throws XMLStreamException {
            writer.writeCharacters("\n" + "  ".repeat(depth));
        }

        /** Records an element the caller started itself (root, envelope) as one with children. */
        void opened() {
            hasChildren.push(true);
            depth++;
        }

        void start(String name) throws XMLStreamException {
            markChild();
            indent();
            writer.writeStartElement(prefix, name, Edxml.NAMESPACE);
            hasChildren.push(false);
            depth++;
        }

        void end() throws XMLStreamException {
            depth--;
            if (Boolean.TRUE.equals(hasChildren.poll())) {
                indent();
            }
            writer.writeEndElement();
        }

        void leaf(String name, String value) throws XMLStreamException {
            if (value == null) {
                return;
            }
            markChild();
            indent();
            writer.writeStartElement(prefix, name, Edxml.NAMESPACE);
            writer.writeCharacters(value);
            writer.writeEndElement();
        }

        void list(String wrapper, String item, List<String> values) throws XMLStreamException {
            if (values.isEmpty()) {
                return;
            }
            start(wrapper);
            for (String value : values) {
                leaf(item, value);
            }
            end();
        }

        /** Writes a kept element in its own namespace; the edXML namespace is the default one here. */
        void raw(XmlElement element) {
            if (element == null) {
                return;
            }
            try {
                markChild();
                indent();
                rawElement(element, Edxml.NAMESPACE);
            } catch (XMLStreamException e) {
                throw new EdxmlException(Reason.EDXML_IO, "cannot write element " + element.localName(), e);
            }
        }

        private void rawElement(XmlElement element, String defaultNamespace) throws XMLStreamException {
            boolean empty = element.text().isEmpty() && element.children().isEmpty();
            // Empty elements stay self-closing, as the Signature's method elements are in the samples.
            if (empty) {
                writer.writeEmptyElement("", element.localName(), element.namespaceUri());
            } else {
                writer.writeStartElement("", element.localName(), element.namespaceUri());
            }
            if (!element.namespaceUri().equals(defaultNamespace)) {
                writer.writeDefaultNamespace(element.namespaceUri());
            }
            for (XmlElement.Attribute a : element.attributes()) {
                if (a.namespaceUri().isEmpty()) {
                    writer.writeAttribute(a.localName(), a.value());
                } else {
                    String p = a.prefix().isEmpty() ? "ns" : a.prefix();
                    writer.writeNamespace(p, a.namespaceUri());
                    writer.writeAttribute(p, a.namespaceUri(), a.localName(), a.value());
                }
            }
            if (empty) {
                return;
            }
            if (!element.text().isEmpty()) {
                writer.writeCharacters(element.text());
            }
            depth++;
            for (XmlElement child : element.children()) {
                indent();
                rawElement(child, element.namespaceUri());
            }
            depth--;
            if (!element.children().isEmpty()) {
                indent();
            }
            writer.writeEndElement();
        }

        private void markChild() {
            if (!hasChildren.isEmpty()) {
                hasChildren.pop();
                hasChildren.push(true);
            }
        }
    }
}
