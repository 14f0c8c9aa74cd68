package vn.lienthong.gateway.edxml;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Run in a forked JVM by {@link LargeAttachmentTest}: parses one package and prints what it found,
 * so the parent can check the result under the child's small heap.
 * Arguments: package file, directory for the attachment files.
 */
public final class LargeAttachmentMain {

    private LargeAttachmentMain() {
    }

    public static void main(String[] args) {
        EdxmlDocument document = new EdxmlParser(AttachmentSink.tempFiles(Path.of(args[1])))
                .parseDocument(Objects.requireNonNull(open(Path.of(args[0]))));
        AttachmentContent content = document.attachments().get(0).content();
        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.println("maxHeap=" + Runtime.getRuntime().maxMemory());
        System.out.println("retainedHeap=" + retained);
        System.out.println("size=" + content.size());
        System.out.println("sha256=" + content.sha256());
        System.out.println("subject=" + document.messageHeader().subject());
        document.discardAttachments();
    }

    private static java.io.InputStream open(Path file) {
        try {
            return java.nio.file.Files.newInputStream(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
