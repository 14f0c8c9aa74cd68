package vn.lienthong.gateway.signature;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** The bytes of a PDF being verified: in memory, or read from its file range by range. */
interface PdfBytes {

    long length() throws IOException;

    /** Writes {@code length} bytes from {@code offset} to {@code out}. */
    void copy(long offset, long length, OutputStream out) throws IOException;

    /** A PDF held in memory. */
    record InMemory(byte[] bytes) implements PdfBytes {

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public void copy(long offset, long length, OutputStream out) throws IOException {
            out.write(bytes, Math.toIntExact(offset), Math.toIntExact(length));
        }
    }

    /** A PDF file, read where the verifier asks. */
    final class OfFile implements PdfBytes, AutoCloseable {

        private final RandomAccessFile file;

        OfFile(Path path) throws IOException {
            this.file = new RandomAccessFile(path.toFile(), "r");
        }

        @Override
        public long length() throws IOException {
            return file.length();
        }

        @Override
        public void copy(long offset, long length, OutputStream out) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            file.seek(offset);
            long left = length;
            while (left > 0) {
                int n = file.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("the PDF ends before byte " + (offset + length));
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
