package vn.lienthong.gateway.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run killed mid-way left in the work folder is removed at the next start; current work is not. */
class WorkFolderTest {

    @TempDir
    Path data;

    @Test
    void leftoversOfAnEarlierRunAreRemovedAndRecentFilesKept() throws Exception {
        Path work = data.resolve("work/edxml");
        Files.createDirectories(work);
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        Path signed = old(Files.write(work.resolve("signed-1.edxml"), new byte[3 * 1024 * 1024]), twoHoursAgo);
        Path upload = Files.createDirectory(work.resolve("out-1"));
        old(Files.write(upload.resolve("scan.pdf"), new byte[1024]), twoHoursAgo);
        old(upload, twoHoursAgo);
        Path current = Files.write(work.resolve("unsigned-2.edxml"), new byte[10]);

        WorkFolder.Swept swept = WorkFolder.prepare(work, Instant.now().minus(Duration.ofHours(1)));

        assertThat(swept.files()).isEqualTo(2);
        assertThat(swept.bytes()).isEqualTo(3 * 1024 * 1024 + 1024);
        assertThat(signed).doesNotExist();
        assertThat(upload).doesNotExist();
        assertThat(current).exists();
        assertThat(work).isDirectory();
    }

    @Test
    void aMissingFolderIsCreated() {
        Path work = data.resolve("fresh/work/edxml");

        assertThat(WorkFolder.prepare(work, Instant.now()).files()).isZero();
        assertThat(work).isDirectory();
    }

    private static Path old(Path path, Instant when) throws Exception {
        Files.setLastModifiedTime(path, FileTime.from(when));
        return path;
    }
}
