package vn.lienthong.gateway.edxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package with a 100 MiB attachment is written and then parsed in a JVM limited to 512 MiB of heap:
 * the base64 text (133 MiB) must be streamed, never held as a String.
 */
class LargeAttachmentTest {

    private static final long ATTACHMENT_BYTES = 100L * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void hundredMegabyteAttachmentIsParsedUnder512MegabytesOfHeap() throws Exception {
        Path big = tmp.resolve("scan.bin");
        String sha256 = writeRandomFile(big, ATTACHMENT_BYTES);
        EdxmlDocument document = document(new Attachment("big-1", "scan.bin", "100 MiB scan",
                "application/octet-stream", AttachmentContent.ofFile(big)));
        Path edxml = tmp.resolve("big.edxml");
        new EdxmlWriter().write(document, edxml);
        assertThat(Files.size(edxml)).isGreaterThan(ATTACHMENT_BYTES * 4 / 3);
        Path attachments = Files.createDirectory(tmp.resolve("attachments"));

        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                LargeAttachmentMain.class.getName(),
                edxml.toString(), attachments.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = child.waitFor(90, TimeUnit.SECONDS);

        assertThat(finished).as("child JVM finished").isTrue();
        assertThat(child.exitValue()).as("child exit code; output:%n%s", output).isZero();
        Map<String, String> result = output.lines().filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1),
                        (a, b) -> b));
        assertThat(Long.parseLong(result.get("maxHeap"))).isLessThanOrEqualTo(512L * 1024 * 1024);
        assertThat(result.get("size")).isEqualTo(Long.toString(ATTACHMENT_BYTES));
        assertThat(result.get("sha256")).isEqualTo(sha256);
        assertThat(result.get("subject")).isEqualTo("Văn bản kèm tệp lớn");
        // After parsing, the model holds a file reference, not the bytes.
        assertThat(Long.parseLong(result.get("retainedHeap"))).isLessThan(64L * 1024 * 1024);
        assertThat(attachments).isEmptyDirectory();
    }

    /** Pseudo-random bytes (incompressible, like a scan), streamed to disk; returns their SHA-256. */
    private static String writeRandomFile(Path file, long size) throws IOException {
        MessageDigest digest = AttachmentContent.digest();
        SplittableRandom random = new SplittableRandom(102_2016);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            for (long written = 0; written < size; written += chunk.length) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        chunk[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                out.write(chunk);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static EdxmlDocument document(Attachment attachment) {
        List<Attachment> attachments = new ArrayList<>(List.of(attachment));
        return new EdxmlDocument(
                new MessageHeader(Organization.of("000.00.00.G22", "Văn phòng Chính phủ"),
                        List.of(Organization.of("000.00.00.H41", "UBND Tỉnh Nghệ An")),
                        null, new Code("1", "VPCP"), new PromulgationInfo("Hà Nội", "2025/01/02"),
                        new DocumentType("1", null, "Công văn"), "Văn bản kèm tệp lớn", null, null, null, null,
                        List.of(), null, List.of(), List.of()),
                null, null, List.of(), Manifest.of(attachments), attachments);
    }
}
