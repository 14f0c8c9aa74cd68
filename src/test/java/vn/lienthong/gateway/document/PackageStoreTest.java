package vn.lienthong.gateway.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import vn.lienthong.gateway.catalog.GatewayProperties;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.support.Sha256;

/** The claim check on its own: one file per message id, never half written, bounded, found only by a reference. */
class PackageStoreTest {

    @TempDir
    Path folder;

    private PackageStore store(DataSize large) {
        return new PackageStore(new PackageStoreProperties(folder.resolve("packages"), large),
                new GatewayProperties(folder, null, null));
    }

    @Test
    void aPackageIsKeptUnderAReferenceDerivedFromItsMessageIdAndFoundByIt() throws Exception {
        PackageStore store = store(null);
        byte[] bytes = "<edXML>gói tin</edXML>".getBytes(StandardCharsets.UTF_8);

        PackageStore.Stored stored = store.write("axis:123", new ByteArrayInputStream(bytes), 1024);

        assertThat(stored.ref()).isEqualTo(PackageStore.ref("axis:123")).matches("[0-9a-f]{64}");
        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(stored.sha256()).isEqualTo(Sha256.hex(bytes));
        assertThat(store.get(stored.ref()).bytes()).isEqualTo(bytes);
        // Taken again (a lost acknowledgement): the same file, not a second one.
        store.write("axis:123", new ByteArrayInputStream(bytes), 1024);
        try (var files = Files.list(store.directory())) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void aPackageOverTheLimitIsRefusedAndLeavesNothingBehind() throws Exception {
        PackageStore store = store(null);
        InputStream tooLong = new ByteArrayInputStream(new byte[2048]);

        assertThatThrownBy(() -> store.write("axis:big", tooLong, 1024)).isInstanceOf(GatewayException.class)
                .satisfies(e -> assertThat(((GatewayException) e).code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE))
                .hasMessageContaining("gateway.axis.max-package-size");
        try (var files = Files.list(store.directory())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aSenderThatBreaksOffIsToldApartFromAFolderThatCannotBeWritten() throws Exception {
        PackageStore store = store(null);
        InputStream brokenOff = new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw new java.io.IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> store.write("axis:cut", brokenOff, 1024)).isInstanceOf(java.io.IOException.class)
                .hasMessage("connection reset");

        Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
        PackageStore unwritable = new PackageStore(new PackageStoreProperties(file.resolve("packages"), null),
                new GatewayProperties(folder, null, null));
        assertThatThrownBy(() -> unwritable.write("axis:x", new ByteArrayInputStream(new byte[1]), 10))
                .isInstanceOf(GatewayException.class).hasMessageContaining("gateway.axis.packages.directory")
                .satisfies(e -> assertThat(((GatewayException) e).isTransient()).isTrue());
    }

    @Test
    void onlyAReferenceFindsAPackageNeverAPath() {
        PackageStore store = store(null);

        assertThat(store.find("../../etc/passwd")).isEmpty();
        assertThat(store.find("A".repeat(64))).isEmpty();
        assertThatThrownBy(() -> store.get("0".repeat(64))).isInstanceOf(GatewayException.class)
                .hasMessageContaining("retention purge");
    }

    @Test
    void largeMeansOverTheSetting() {
        PackageStore store = store(DataSize.ofMegabytes(8));

        assertThat(store.isLarge(8L * 1024 * 1024)).isFalse();
        assertThat(store.isLarge(8L * 1024 * 1024 + 1)).isTrue();
    }

    @Test
    void thePurgeRemovesOldPackagesAndLeftoversOfACrashOnly() throws Exception {
        PackageStore store = store(null);
        Path old = store.write("axis:old", new ByteArrayInputStream(new byte[1]), 10).file();
        Path recent = store.write("axis:recent", new ByteArrayInputStream(new byte[1]), 10).file();
        Path leftover = Files.createFile(store.directory().resolve(".writing-abc.part"));
        Path foreign = Files.createFile(store.directory().resolve("README.txt"));
        Instant cutoff = Instant.now().minusSeconds(3600);
        for (Path file : new Path[] {old, leftover, foreign}) {
            Files.setLastModifiedTime(file, FileTime.from(cutoff.minusSeconds(60)));
        }

        assertThat(store.deleteOlderThan(cutoff)).isEqualTo(2);

        assertThat(old).doesNotExist();
        assertThat(leftover).doesNotExist();
        assertThat(recent).exists();
        assertThat(foreign).as("not the gateway's to remove").exists();
    }

    @Test
    void aFolderThatCannotBeWrittenIsNamedAtStartUp() throws Exception {
        Path file = Files.writeString(folder.resolve("a-file"), "x");

        assertThat(PackageStore.folderProblem(folder.resolve("packages"))).isEmpty();
        assertThat(PackageStore.folderProblem(file.resolve("packages"))).get().asString()
                .contains("gateway.axis.packages.directory").contains("a-file");
    }
}
