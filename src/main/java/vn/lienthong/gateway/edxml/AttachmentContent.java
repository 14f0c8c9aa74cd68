package vn.lienthong.gateway.edxml;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The decoded bytes of one attachment, held in a file (or in memory for small ones) and never as a
 * String; two contents are equal when their size and SHA-256 are, wherever the bytes are kept.
 */
public final class AttachmentContent {

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    /** Most entries a zipped attachment may hold. */
    public static final int MAX_ZIP_ENTRIES = 1000;
    /** Most bytes a zipped attachment may inflate to, all entries together. */
    public static final long MAX_ZIP_INFLATED = 200L * 1024 * 1024;
    /** Highest inflated-to-compressed ratio accepted once an archive inflates past {@link #RATIO_FLOOR}. */
    public static final long MAX_ZIP_RATIO = 100;
    private static final long RATIO_FLOOR = 1024 * 1024;

    private final Path file;
    private final byte[] bytes;
    private final long size;
    private final String sha256;
    private final boolean temporary;

    private AttachmentContent(Path file, byte[] bytes, long size, String sha256, boolean temporary) {
        this.file = file;
        this.bytes = bytes;
        this.size = size;
        this.sha256 = sha256;
        this.temporary = temporary;
    }

    /** Content held in memory; meant for small files and tests. */
    public static AttachmentContent ofBytes(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new AttachmentContent(null, copy, copy.length, hex(digest().digest(copy)), false);
    }

    /** Content of an existing file, which stays where it is and is never deleted by this codec. */
    public static AttachmentContent ofFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = digest();
            long size = in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
            return new AttachmentContent(file, null, size, hex(digest.digest()), false);
        } catch (IOException e) {
            throw new EdxmlException(EdxmlException.Reason.EDXML_IO, "cannot read attachment file " + file, e);
        }
    }

    /**
     * Copies a stream into {@code target}, computing size and digest on the way; a temporary target
     * is deleted by {@link #discard()}. This is what an {@link AttachmentSink} writing files uses.
     */
    public static AttachmentContent copyToFile(InputStream in, Path target, boolean temporary) throws IOException {
        MessageDigest digest = digest();
        long size;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            size = in.transferTo(out);
        }
        return new AttachmentContent(target, null, size, hex(digest.digest()), temporary);
    }

    /**
     * Zips one file (single entry named {@code entryName}) into a temporary file in {@code workDir},
     * streaming: this is how the samples send attachments, so the writer sends them the same way.
     */
    public static AttachmentContent zipOf(Path source, String entryName, Path workDir) {
        try {
            Path zip = Files.createTempFile(workDir, "edxml-out-", ".zip");
            MessageDigest digest = digest();
            long size;
            try (CountingOutputStream counting = new CountingOutputStream(
                    new DigestOutputStream(Files.newOutputStream(zip), digest));
                 ZipOutputStream out = new ZipOutputStream(counting)) {
                out.putNextEntry(new ZipEntry(entryName));
                Files.copy(source, out);
                out.closeEntry();
                out.finish();
                size = counting.count;
            }
            return new AttachmentContent(zip, null, size, hex(digest.digest()), true);
        } catch (IOException e) {
            throw new EdxmlException(EdxmlException.Reason.EDXML_IO, "cannot zip attachment " + source, e);
        }
    }

    /** The decoded bytes, exactly as sent (for the samples: a zip archive). */
    public InputStream openStream() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    /** Number of decoded bytes. */
    public long size() {
        return size;
    }

    /** Lower-case hex SHA-256 of the decoded bytes. */
    public String sha256() {
        return sha256;
    }

    /** The file holding the bytes, if they are not in memory. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Whether the bytes start like a zip archive; the content type alone is not trusted for this. */
    public boolean isZip() {
        try (InputStream in = openStream()) {
            byte[] head = in.readNBytes(ZIP_MAGIC.length);
            return Arrays.equals(head, ZIP_MAGIC);
        } catch (IOException e) {
            throw new EdxmlException(EdxmlException.Reason.EDXML_IO, "cannot read attachment bytes", e);
        }
    }

    /** Reads the decoded bytes as a zip archive, entry by entry; the caller closes it. */
    public ZipInputStream openZip() throws IOException {
        return new ZipInputStream(openStream());
    }

    /**
     * Names of the entries of the zip, in archive order, after reading it whole once: more than
     * {@link #MAX_ZIP_ENTRIES} entries, more than {@link #MAX_ZIP_INFLATED} bytes inflated, a ratio above
     * {@link #MAX_ZIP_RATIO} (a zip bomb) or an entry name that climbs out of its folder is refused.
     */
    public List<String> zipEntryNames() {
        List<String> names = new ArrayList<>();
        long inflated = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = openZip()) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                String problem = entryNameProblem(entry.getName());
                if (problem != null) {
                    throw new EdxmlException(EdxmlException.Reason.EDXML_ATTACHMENT,
                            "zip entry '" + printable(entry.getName()) + "' is refused: " + problem);
                }
                if (names.size() >= MAX_ZIP_ENTRIES) {
                    throw new EdxmlException(EdxmlException.Reason.EDXML_ATTACHMENT,
                            "zip has more than " + MAX_ZIP_ENTRIES + " entries");
                }
                names.add(entry.getName());
                for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
                    inflated += n;
                    if (inflated > MAX_ZIP_INFLATED) {
                        throw new EdxmlException(EdxmlException.Reason.EDXML_ATTACHMENT,
                                "zip inflates to more than " + MAX_ZIP_INFLATED / (1024 * 1024) + " MiB");
                    }
                    if (inflated > RATIO_FLOOR && inflated > MAX_ZIP_RATIO * Math.max(size, 1)) {
                        throw new EdxmlException(EdxmlException.Reason.EDXML_ATTACHMENT, "zip inflates more than "
                                + MAX_ZIP_RATIO + " times its size (a zip bomb)");
                    }
                }
            }
        } catch (IOException e) {
            throw new EdxmlException(EdxmlException.Reason.EDXML_ATTACHMENT, "attachment is not a readable zip", e);
        }
        if (names.isEmpty()) {
            throw new EdxmlException(EdxmlException.Reason.EDXML_ATTACHMENT, "attachment is not a zip archive");
        }
        return names;
    }

    /** Why a zip entry name is refused (absolute, '..' segment, drive letter, control character), or null. */
    static String entryNameProblem(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || (n.length() >= 2 && n.charAt(1) == ':')) {
            return "an absolute path";
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                return "it climbs out of its folder ('..')";
            }
        }
        for (int i = 0; i < n.length(); i++) {
            if (n.charAt(i) < 0x20) {
                return "it contains a control character";
            }
        }
        return null;
    }

    private static String printable(String name) {
        return name.replaceAll("[\\x00-\\x1f]", "?");
    }

    /** The bytes of one zip entry; the returned stream ends with the entry and must be closed. */
    public InputStream openZipEntry(String name) throws IOException {
        ZipInputStream zip = openZip();
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (entry.getName().equals(name)) {
                return zip;
            }
        }
        zip.close();
        throw new EdxmlException(EdxmlException.Reason.EDXML_ATTACHMENT, "zip entry not found: " + name);
    }

    /** Deletes the file if this codec created it; a no-op otherwise. */
    public void discard() {
        if (temporary && file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttachmentContent other && size == other.size && sha256.equals(other.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, sha256);
    }

    @Override
    public String toString() {
        return "AttachmentContent[size=" + size + ", sha256=" + sha256 + (file != null ? ", file=" + file : "") + "]";
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Counts bytes written, so the zip size is known without reading the file again. */
    private static final class CountingOutputStream extends FilterOutputStream {
        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
