package vn.lienthong.gateway.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.GatewayProperties;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.support.Sha256;

/**
 * The claim check of received edXML packages: a package taken from the national document axis is written
 * once, to a file in {@code gateway.axis.packages.directory}, synced to disk before anything refers to it,
 * and from then on only its reference travels through the broker, so a package of hundreds of megabytes never
 * sits in a JMS message or in the heap. The reference derives from the message id, so a package taken again
 * after a crash lands in the same file. Files are removed by the retention purge
 * ({@code gateway.retention.payloads}), not at delivery: the document office may fetch a large package later.
 */
@Component
public class PackageStore {

    /**
     * A stored package.
     *
     * @param ref  its reference: 64 hexadecimal characters, safe in a file name and a URL
     * @param file where it is
     * @param size its length in bytes
     */
    public record Stored(String ref, Path file, long size) {

        /** The package's SHA-256, read from the file. */
        public String sha256() {
            try {
                return Sha256.hex(file);
            } catch (IOException e) {
                throw new UncheckedIOException("stored package " + ref + " cannot be read", e);
            }
        }

        /** The whole package; only for packages that are not large. */
        public byte[] bytes() {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("stored package " + ref + " cannot be read", e);
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(PackageStore.class);
    private static final Pattern REF = Pattern.compile("[0-9a-f]{64}");
    private static final String SUFFIX = ".edxml";

    private final Path directory;
    private final long largeSize;

    public PackageStore(PackageStoreProperties properties, GatewayProperties gateway) {
        this.directory = (properties.directory() != null ? properties.directory()
                : gateway.dataDir().resolve("packages")).toAbsolutePath().normalize();
        this.largeSize = properties.largeSize().toBytes();
    }

    /**
     * Why packages could not be kept in {@code directory}, if they could not: checked at start-up, so a folder the
     * gateway may not write stops it with the setting's name instead of failing every package taken from the axis.
     */
    public static Optional<String> folderProblem(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.delete(Files.createTempFile(directory, ".probe-", ".tmp"));
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of("gateway.axis.packages.directory: received edXML packages cannot be written to "
                    + directory.toAbsolutePath() + " (" + e + "); give the gateway a folder it may write, shared by"
                    + " every node of a cluster");
        }
    }

    /** The folder the packages are kept in. */
    public Path directory() {
        return directory;
    }

    /** Whether a package of this size is large: checked while streaming, sent to the document office as a link. */
    public boolean isLarge(long size) {
        return size > largeSize;
    }

    /** The reference of the package of this message id; the same id always gives the same reference. */
    public static String ref(String messageId) {
        return Sha256.hex(messageId);
    }

    /** Whether {@code value} has the form of a reference (and so cannot point outside the folder). */
    public static boolean isRef(String value) {
        return value != null && REF.matcher(value).matches();
    }

    /**
     * Writes the package of {@code messageId} from {@code in}: into a temporary file, synced to disk, then renamed
     * into place, so a reader never sees half a package.
     *
     * @throws IOException      when {@code in} cannot be read (the sender broke off)
     * @throws GatewayException PAYLOAD_TOO_LARGE when the stream holds more than {@code maxBytes}; INTERNAL_ERROR
     *                          (transient) when the package cannot be written here (a full disk, a lost volume)
     */
    public Stored write(String messageId, InputStream in, long maxBytes) throws IOException {
        String ref = ref(messageId);
        Path target = directory.resolve(ref + SUFFIX);
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, ".writing-" + ref, ".part");
            long size;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                size = copy(in, out, maxBytes);
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Stored(ref, target, size);
        } catch (ReadFailure e) {
            throw e.getCause();
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.INTERNAL_ERROR, "The package cannot be written to " + directory
                    + " (gateway.axis.packages.directory): " + e, e);
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** A failure to read the package's source, told apart from a failure to write it here. */
    private static final class ReadFailure extends RuntimeException {
        ReadFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private static long copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                throw new ReadFailure(e);
            }
            if (n == -1) {
                return total;
            }
            total += n;
            if (total > maxBytes) {
                throw new GatewayException(ErrorCode.PAYLOAD_TOO_LARGE, "The package is larger than "
                        + maxBytes / (1024 * 1024) + " MB (gateway.axis.max-package-size)");
            }
            out.write(buffer, 0, n);
        }
    }

    /** The stored package with this reference, if it is here. */
    public Optional<Stored> find(String ref) {
        if (!isRef(ref)) {
            return Optional.empty();
        }
        Path file = directory.resolve(ref + SUFFIX);
        try {
            return Optional.of(new Stored(ref, file, Files.size(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("stored package " + ref + " cannot be read", e);
        }
    }

    /**
     * The stored package with this reference.
     *
     * @throws GatewayException NOT_FOUND when it is not (or no longer) here
     */
    public Stored get(String ref) {
        return find(ref).orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND, "No stored package " + ref
                + " in " + directory + " (removed by the retention purge, or the folder is not shared by every"
                + " node: gateway.axis.packages.directory)"));
    }

    /** Removes a stored package, if it is here. */
    public void delete(String ref) {
        if (isRef(ref)) {
            try {
                Files.deleteIfExists(directory.resolve(ref + SUFFIX));
            } catch (IOException e) {
                log.warn("Stored package {} not removed: {}", ref, e.toString());
            }
        }
    }

    /** Removes the packages (and temporary files left by a crash) last written before {@code cutoff}; returns how many. */
    public int deleteOlderThan(Instant cutoff) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean ours = name.endsWith(SUFFIX) && isRef(name.substring(0, name.length() - SUFFIX.length()))
                        || name.startsWith(".writing-") && name.endsWith(".part");
                if (ours && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
        } catch (IOException e) {
            log.warn("Stored packages in {} not all purged: {}", directory, e.toString());
        }
        return deleted;
    }
}
