package vn.lienthong.gateway.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's work folder for edXML ({@code data/work/edxml}): attachments of parsed packages, documents being packaged
 * and signed. Everything in it is temporary and removed when its operation ends; what a crash left there (a
 * document of hundreds of megabytes killed mid-way leaves as much) is removed at the next start.
 */
final class WorkFolder {

    private static final Logger log = LoggerFactory.getLogger(WorkFolder.class);

    /** What a sweep removed. */
    record Swept(int files, long bytes) {
    }

    private WorkFolder() {
    }

    /** Creates the folder and removes what was last written before {@code cutoff}: files, then emptied folders. */
    static Swept prepare(Path folder, Instant cutoff) {
        try {
            Files.createDirectories(folder);
            int[] files = {0};
            long[] bytes = {0};
            java.util.Deque<Instant> written = new java.util.ArrayDeque<>();
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    // Taken before its files are removed, which makes a folder look new.
                    written.push(attributes.lastModifiedTime().toInstant());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff)
                            && deleted(file)) {
                        files[0]++;
                        bytes[0] += attributes.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Instant dirWritten = written.pop();
                    if (!dir.equals(folder) && dirWritten.isBefore(cutoff)) {
                        try (var left = Files.list(dir)) {
                            if (left.findAny().isEmpty()) {
                                deleted(dir);
                            }
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            if (files[0] > 0) {
                log.info("Removed {} temporary file(s) ({} MB) left in {} by an earlier run that stopped mid-way",
                        files[0], bytes[0] / (1024 * 1024), folder.toAbsolutePath());
            }
            return new Swept(files[0], bytes[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the work folder " + folder.toAbsolutePath(), e);
        }
    }

    private static boolean deleted(Path path) {
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Temporary file {} not removed: {}", path, e.toString());
            return false;
        }
    }
}
