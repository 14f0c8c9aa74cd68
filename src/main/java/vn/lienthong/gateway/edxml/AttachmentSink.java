package vn.lienthong.gateway.edxml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the parser puts the decoded bytes of each attachment while it streams them out of the
 * package; the default writes temporary files so a large attachment never sits in the heap.
 */
@FunctionalInterface
public interface AttachmentSink {

    /**
     * Consumes the decoded bytes of one attachment (read the stream to its end) and says where they are.
     *
     * @param decoded the base64-decoded bytes, produced while the XML is read
     */
    AttachmentContent store(InputStream decoded) throws IOException;

    /** Temporary files in {@code directory}, deleted by {@link EdxmlDocument#discardAttachments()}. */
    static AttachmentSink tempFiles(Path directory) {
        return decoded -> {
            Path file = Files.createTempFile(directory, "edxml-in-", ".bin");
            try {
                return AttachmentContent.copyToFile(decoded, file, true);
            } catch (IOException | RuntimeException e) {
                // A half-written attachment of a refused package must not stay on disk.
                Files.deleteIfExists(file);
                throw e;
            }
        };
    }

    /** Temporary files in the JVM's temporary directory. */
    static AttachmentSink tempFiles() {
        return tempFiles(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Keeps bytes in memory, refusing attachments over {@code maxBytes}; for small packages and tests. */
    static AttachmentSink inMemory(int maxBytes) {
        return decoded -> {
            byte[] bytes = decoded.readNBytes(maxBytes);
            if (decoded.read() != -1) {
                throw new EdxmlException(EdxmlException.Reason.EDXML_LIMIT_EXCEEDED,
                        "attachment larger than " + maxBytes + " bytes cannot be held in memory");
            }
            return AttachmentContent.ofBytes(bytes);
        };
    }
}
