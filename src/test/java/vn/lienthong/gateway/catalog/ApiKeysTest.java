package vn.lienthong.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.support.Sha256;

/** Keys kept as digests: rotation, no key shared between systems, the client certificate that names a system. */
class ApiKeysTest {

    private static ConnectedSystem system(String id, ApiKeys keys) {
        return new ConnectedSystem(id, id, SystemKind.DEPARTMENT, null, Protocol.REST, "http://127.0.0.1:1/", null, keys,
                null, null, null, Path.of(id + ".yml"));
    }

    @Test
    void duringARotationBothKeysAreValidAndNothingElse() {
        Catalog catalog = new Catalog(Map.of("dpi", system("dpi", ApiKeys.of("old-key-123456", "new-key-123456",
                null))), Map.of());
        assertThat(catalog.systemByApiKey("old-key-123456")).map(ConnectedSystem::id).contains("dpi");
        assertThat(catalog.systemByApiKey("new-key-123456")).map(ConnectedSystem::id).contains("dpi");
        assertThat(catalog.systemByApiKey("new-key-12345")).isEmpty();
        assertThat(catalog.systemByApiKey("")).isEmpty();
    }

    @Test
    void theKeyItselfIsNotKeptOnlyAPublicDemoKeyIs() {
        ApiKeys real = ApiKeys.of("s3cret-production-key", null, null);
        assertThat(real.demoKey()).isEmpty();
        assertThat(real.toString()).doesNotContain("s3cret");
        assertThat(ApiKeys.of("demo-dpi-business-key", null, null).demoKey()).contains("demo-dpi-business-key");
    }

    @Test
    void aSharedKeyIsNoticed() {
        assertThat(ApiKeys.of("a-key-123456789", "b-key-123456789", null)
                .overlaps(ApiKeys.of("c-key-123456789", "b-key-123456789", null))).isTrue();
        assertThat(ApiKeys.of("a-key-123456789", null, null).overlaps(ApiKeys.of("c-key-123456789", null, null)))
                .isFalse();
    }

    @Test
    void aClientCertificateNamesItsSystemByFingerprint() {
        byte[] certificate = "DER bytes of a certificate".getBytes();
        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(Sha256.of(certificate));
        Catalog catalog = new Catalog(Map.of(
                "dpi", system("dpi", ApiKeys.of("dpi-key-123456", null, fingerprint)),
                "izb", system("izb", ApiKeys.of("izb-key-123456", null, null))), Map.of());
        assertThat(catalog.systemByCertificate(certificate)).map(ConnectedSystem::id).contains("dpi");
        assertThat(catalog.systemByCertificate("another certificate".getBytes())).isEmpty();
    }
}
