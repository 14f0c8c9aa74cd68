package vn.lienthong.gateway.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.error.GatewayException;

/** Files for a document office over folders: a readable, safe name per DocumentId, and the original package bytes. */
class DocumentOfficeFilesTest {

    private final DocumentOfficeFiles files = new DocumentOfficeFiles(new ObjectMapper());

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
}
