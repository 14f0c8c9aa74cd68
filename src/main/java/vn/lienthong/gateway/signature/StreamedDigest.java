package vn.lienthong.gateway.signature;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.xml.security.stax.ext.stax.XMLSecEvent;
import org.apache.xml.security.stax.ext.stax.XMLSecEventFactory;
import org.apache.xml.security.stax.ext.stax.XMLSecStartElement;
import org.apache.xml.security.stax.impl.transformer.canonicalizer.Canonicalizer20010315_ExclOmitCommentsTransformer;

import vn.lienthong.gateway.support.SecureXml;
import vn.lienthong.gateway.support.Sha256;

/**
 * The SHA-256 of a whole XML document in exclusive canonical form (comments omitted), read from a file as a stream of
 * events, so its size does not matter; and where the root element's end tag starts, for an enveloped signature.
 *
 * @param sha256        the digest of the canonical form
 * @param rootEndOffset the byte offset of the root's end tag ({@code </prefix:name>}) in the file
 */
record StreamedDigest(byte[] sha256, long rootEndOffset) {

    /** How far from the end of the file the root's end tag is looked for (only whitespace, comments or PIs follow). */
    private static final int TAIL = 64 * 1024;

    static StreamedDigest of(Path file) {
        MessageDigest digest = Sha256.newDigest();
        String rootName;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            rootName = canonicalise(in, new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        } catch (IOException | XMLStreamException e) {
            throw new SigningFailedException("cannot read the package to sign (" + file.getFileName() + "): "
                    + e.getMessage(), e);
        }
        return new StreamedDigest(digest.digest(), rootEnd(file, rootName));
    }

    /** Writes the canonical form of the document to {@code out}; returns the root's name as written (with prefix). */
    private static String canonicalise(InputStream in, OutputStream out) throws XMLStreamException {
        Canonicalizer20010315_ExclOmitCommentsTransformer c14n = new Canonicalizer20010315_ExclOmitCommentsTransformer();
        try {
            c14n.setOutputStream(out);
        } catch (org.apache.xml.security.exceptions.XMLSecurityException e) {
            throw new XMLStreamException("the canonicaliser cannot be set up: " + e.getMessage(), e);
        }
        XMLStreamReader reader = SecureXml.inputFactory().createXMLStreamReader(in);
        try {
            String rootName = null;
            XMLSecStartElement parent = null;
            c14n.transform(XMLSecEventFactory.allocate(reader, null));
            while (reader.hasNext()) {
                reader.next();
                XMLSecEvent event = XMLSecEventFactory.allocate(reader, parent);
                if (event.getEventType() == XMLStreamConstants.START_ELEMENT) {
                    parent = event.asStartElement();
                    if (rootName == null) {
                        String prefix = reader.getPrefix();
                        rootName = prefix == null || prefix.isEmpty() ? reader.getLocalName()
                                : prefix + ":" + reader.getLocalName();
                    }
                } else if (event.getEventType() == XMLStreamConstants.END_ELEMENT) {
                    parent = parent.getParentXMLSecStartElement();
                }
                c14n.transform(event);
            }
            c14n.doFinal();
            if (rootName == null) {
                throw new XMLStreamException("the document has no root element");
            }
            return rootName;
        } finally {
            reader.close();
        }
    }

    /** The offset of the last {@code </rootName} in the file's tail. */
    private static long rootEnd(Path file, String rootName) {
        byte[] endTag = ("</" + rootName).getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long from = Math.max(0, size - TAIL);
            ByteBuffer tail = ByteBuffer.allocate((int) (size - from));
            while (tail.hasRemaining() && channel.read(tail, from + tail.position()) >= 0) {
                // read the whole tail
            }
            byte[] bytes = tail.array();
            for (int i = bytes.length - endTag.length; i >= 0; i--) {
                int after = i + endTag.length;
                if (matches(bytes, i, endTag) && after < bytes.length
                        && (bytes[after] == '>' || Character.isWhitespace(bytes[after]))) {
                    return from + i;
                }
            }
        } catch (IOException e) {
            throw new SigningFailedException("cannot read the package to sign (" + file.getFileName() + "): "
                    + e.getMessage(), e);
        }
        throw new SigningFailedException("the end tag of " + rootName + " is not within the last " + TAIL
                + " bytes of the package", null);
    }

    private static boolean matches(byte[] bytes, int at, byte[] pattern) {
        for (int j = 0; j < pattern.length; j++) {
            if (bytes[at + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }
}
