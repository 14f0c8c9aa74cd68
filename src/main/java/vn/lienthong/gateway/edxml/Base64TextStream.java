package vn.lienthong.gateway.edxml;

import java.io.InputStream;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The base64 text of the current element as ASCII bytes, pulled from the StAX reader chunk by chunk
 * (whitespace dropped), so an attachment of any size is decoded without ever being a String.
 */
final class Base64TextStream extends InputStream {

    private final XMLStreamReader reader;
    private final String contentId;
    private final char[] chunk = new char[16 * 1024];
    private int pos;
    private int len;
    private int sourceOffset;
    private boolean inText;
    private boolean ended;

    /** The reader must be just after the START_ELEMENT of {@code ContentTransferEncoded}. */
    Base64TextStream(XMLStreamReader reader, String contentId) {
        this.reader = reader;
        this.contentId = contentId;
    }

    @Override
    public int read() {
        if (pos == len && !fill()) {
            return -1;
        }
        return chunk[pos++];
    }

    @Override
    public int read(byte[] b, int off, int n) {
        if (n == 0) {
            return 0;
        }
        if (pos == len && !fill()) {
            return -1;
        }
        int count = Math.min(n, len - pos);
        for (int i = 0; i < count; i++) {
            b[off + i] = (byte) chunk[pos++];
        }
        return count;
    }

    /** Reads to the end of the element, for a sink that stopped early. */
    void drain() {
        while (fill()) {
            pos = len;
        }
    }

    private boolean fill() {
        pos = 0;
        len = 0;
        try {
            while (!ended) {
                if (inText) {
                    int copied = reader.getTextCharacters(sourceOffset, chunk, 0, chunk.length);
                    if (copied > 0) {
                        sourceOffset += copied;
                        len = keepBase64(copied);
                        if (len > 0) {
                            return true;
                        }
                        continue;
                    }
                    inText = false;
                }
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        inText = true;
                        sourceOffset = 0;
                    }
                    case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                        // harmless inside the text; nothing to decode
                    }
                    case XMLStreamConstants.END_ELEMENT -> ended = true;
                    default -> throw new EdxmlException(EdxmlException.Reason.EDXML_MALFORMED,
                            "attachment " + contentId + ": ContentTransferEncoded must hold base64 text only");
                }
            }
            return false;
        } catch (XMLStreamException e) {
            throw EdxmlParser.malformed(e);
        }
    }

    /** Compacts the chunk to base64 characters; whitespace is allowed, anything else is refused. */
    private int keepBase64(int count) {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            char c = chunk[i];
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=') {
                chunk[kept++] = c;
            } else if (!Character.isWhitespace(c)) {
                throw new EdxmlException(EdxmlException.Reason.EDXML_ATTACHMENT, "attachment " + contentId
                        + ": ContentTransferEncoded is not base64 (character U+"
                        + String.format("%04X", (int) c) + ")");
            }
        }
        return kept;
    }
}
