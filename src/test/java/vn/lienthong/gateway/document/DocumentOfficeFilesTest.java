package vn.lienthong.gateway.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.catalog.GatewayProperties;
import vn.lienthong.gateway.error.GatewayException;

/** Files for a document office over folders: a readable, safe name per DocumentId, and the original package bytes. */
class DocumentOfficeFilesTest {

    @TempDir
    static Path folder;

    private final PackageStore packages = new PackageStore(new PackageStoreProperties(folder, null),
            new GatewayProperties(folder, null, null));
    private final DocumentOfficeFiles files = new DocumentOfficeFiles(new ObjectMapper(), packages);

    @Test
    void aDocumentIdBecomesAReadableFileNameWithoutSlashesCommasOrMarks() {
        assertThat(files.fileName("000.00.00.G22,2015/09/30,7816/VPCP-TTĐT", "axis-42"))
                .isEqualTo("000.00.00.G22_2015-09-30_7816-VPCP-TTDT_axis-42.edxml");
        assertThat(files.fileName("../../etc/passwd", "m1")).isEqualTo("_..-..-etc-passwd_m1.edxml")
                .doesNotContain("/");
        assertThat(files.fileName(".hidden", "m1")).startsWith("_.hidden");
        assertThat(files.fileName("x".repeat(300), "m1")).hasSize(100 + "_m1.edxml".length());
    }

    @Test
    void theFileIsTheEdxmlPackageCarriedInTheOfficeMessage() {
        byte[] edxml = "<edXML>gói tin</edXML>".getBytes(StandardCharsets.UTF_8);
        String message = "{\"kind\":\"document\",\"edxml\":\"" + Base64.getEncoder().encodeToString(edxml) + "\"}";
        assertThat(files.edxml(message.getBytes(StandardCharsets.UTF_8))).isEqualTo(edxml);
        assertThatThrownBy(() -> files.edxml("{\"kind\":\"document\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GatewayException.class).hasMessageContaining("no edXML package");
    }

    @Test
    void aLargePackageIsCopiedFromTheClaimCheckNotCarriedInTheMessage() throws Exception {
        byte[] edxml = "<edXML>gói tin lớn</edXML>".getBytes(StandardCharsets.UTF_8);
        PackageStore.Stored stored = packages.write("axis:large-1", new ByteArrayInputStream(edxml), 1 << 20);
        String message = "{\"kind\":\"document\",\"edxmlLink\":{\"href\":\"" + PackageController.PATH
                + stored.ref() + "\",\"size\":" + edxml.length + "}}";

        Object body = files.edxml(message.getBytes(StandardCharsets.UTF_8));

        assertThat(body).isInstanceOf(File.class);
        assertThat(Files.readAllBytes(((File) body).toPath())).isEqualTo(edxml);
        // A link to a package that is no longer kept is an error that says so, not an empty file.
        packages.delete(stored.ref());
        assertThatThrownBy(() -> files.edxml(message.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GatewayException.class).hasMessageContaining("No stored package");
    }
}
