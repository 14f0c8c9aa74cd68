package vn.lienthong.gateway.document;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;

import vn.lienthong.gateway.edxml.EdxmlMessage;
import vn.lienthong.gateway.edxml.EdxmlParser;
import vn.lienthong.gateway.support.Sha256;

/**
 * A received package as the gateway processes it: a file in the claim check ({@link PackageStore}), or the
 * bytes themselves for a message that was queued before the claim check existed. A large package is never read
 * whole: it is parsed, hashed and signature-checked as a stream and reaches the document office as a link.
 */
public final class ReceivedPackage {

    private final PackageStore.Stored stored;
    private final byte[] bytes;
    private final boolean large;
    private String sha256;

    private ReceivedPackage(PackageStore.Stored stored, byte[] bytes, boolean large) {
        this.stored = stored;
        this.bytes = bytes;
        this.large = large;
    }

    /** A package in the claim check. */
    public static ReceivedPackage stored(PackageStore.Stored stored, PackageStore store) {
        return new ReceivedPackage(stored, null, store.isLarge(stored.size()));
    }

    /** A package carried whole in its message. */
    public static ReceivedPackage inline(byte[] bytes) {
        return new ReceivedPackage(null, bytes, false);
    }

    /** Its length in bytes. */
    public long size() {
        return stored != null ? stored.size() : bytes.length;
    }

    /** Larger than {@code gateway.axis.packages.large-size}: streamed, never read whole. */
    public boolean isLarge() {
        return large;
    }

    /** The file in the claim check; null for a package carried in its message. */
    public Path file() {
        return stored == null ? null : stored.file();
    }

    /** The claim-check reference; null for a package carried in its message. */
    public String ref() {
        return stored == null ? null : stored.ref();
    }

    /** The package's SHA-256 (read once). */
    public String sha256() {
        if (sha256 == null) {
            sha256 = stored != null ? stored.sha256() : Sha256.hex(bytes);
        }
        return sha256;
    }

    /**
     * The whole package.
     *
     * @throws IllegalStateException for a large package, which must not be read into memory
     */
    public byte[] bytes() {
        if (large) {
            throw new IllegalStateException("a large package (" + size() + " bytes) is never read whole");
        }
        return stored != null ? stored.bytes() : bytes;
    }

    /** Parses it, streaming attachments to files. */
    public EdxmlMessage parse(EdxmlParser parser) {
        return stored != null ? parser.parse(stored.file()) : parser.parse(new ByteArrayInputStream(bytes));
    }
}
