package vn.lienthong.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Demo key creation, PKCS#12 loading with operator-friendly errors, and trust anchors from PEM files. */
class KeyMaterialTest {

    private static final char[] PASSWORD = "demo-keystore".toCharArray();

    private static TestPki pki;

    @BeforeAll
    static void createPki() {
        pki = TestPki.create();
    }

    @Test
    void demoKeyMaterialIsCreatedOnceAndReloadedFromTheFolder(@TempDir Path dir) {
        Path keys = dir.resolve("data/keys");

        SigningKey first = DemoKeyMaterial.loadOrCreate(keys, PASSWORD, "UBND Demo");
        SigningKey second = DemoKeyMaterial.loadOrCreate(keys, PASSWORD, "UBND Demo");

        assertThat(keys.resolve(DemoKeyMaterial.KEY_STORE_FILE)).isRegularFile();
        assertThat(keys.resolve(DemoKeyMaterial.CA_CERTIFICATE_FILE)).isRegularFile();
        assertThat(second.certificate()).isEqualTo(first.certificate());
        X509Certificate agency = first.certificate();
        assertThat(agency.getSubjectX500Principal().getName()).contains("CN=UBND Demo");
        assertThat(agency.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(first.chain()).hasSize(2);
        // The written CA PEM is the anchor that makes the demo signatures VALID.
        TrustAnchors anchors = TrustAnchors.load(keys.resolve(DemoKeyMaterial.CA_CERTIFICATE_FILE));
        TrustAnchors.CertificateCheck check = anchors.check(agency, List.of(), Instant.now());
        assertThat(check.trusted()).isTrue();
        assertThat(check.reasons()).isEmpty();
        assertThat(check.chain()).hasSize(2);
    }

    @Test
    void wrongPasswordUnknownAliasAndMissingFileSayWhatIsWrong(@TempDir Path dir) {
        Path store = dir.resolve("agency.p12");
        KeyMaterial.storePkcs12(pki.agency, store, PASSWORD, "agency");

        assertThat(KeyMaterial.loadPkcs12(store, PASSWORD, "agency").certificate()).isEqualTo(pki.agency.certificate());
        assertThatThrownBy(() -> KeyMaterial.loadPkcs12(store, "wrong".toCharArray(), "agency"))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("wrong password").hasMessageContaining("agency.p12");
        assertThatThrownBy(() -> KeyMaterial.loadPkcs12(store, PASSWORD, "nobody"))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("'nobody'").hasMessageContaining("[agency]");
        assertThatThrownBy(() -> KeyMaterial.loadPkcs12(dir.resolve("missing.p12"), PASSWORD, "agency"))
                .isInstanceOf(KeyMaterialException.class).hasMessageContaining("does not exist");
    }

    @Test
    void trustAnchorsAreLoadedFromEveryCertificateFileOfAFolder(@TempDir Path dir) throws Exception {
        SigningKey otherCa = DemoKeyMaterial.createCa("CN=Other CA,C=VN", 2048, Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86_400));
        KeyMaterial.writePem(dir.resolve("one.pem"), pki.ca.certificate());
        Files.write(dir.resolve("two.der"), otherCa.certificate().getEncoded());
        Files.writeString(dir.resolve("README.txt"), "not a certificate");

        TrustAnchors anchors = TrustAnchors.load(dir);

        assertThat(anchors.certificates()).containsExactlyInAnyOrder(pki.ca.certificate(), otherCa.certificate());
    }

    @Test
    void untrustedAndExpiredCertificatesAreReportedSeparately() {
        SigningKey expired = pki.expiredAgency();

        TrustAnchors.CertificateCheck expiredCheck = pki.anchors().check(expired.certificate(), List.of(), Instant.now());
        TrustAnchors.CertificateCheck untrusted = TrustAnchors.of(DemoKeyMaterial.createCa("CN=Unrelated CA,C=VN", 2048,
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400)).certificate())
                .check(pki.agency.certificate(), List.of(), Instant.now());

        assertThat(expiredCheck.trusted()).as("the chain itself still reaches the CA").isTrue();
        assertThat(expiredCheck.reasons()).singleElement().asString()
                .startsWith("certificate expired on " + expired.certificate().getNotAfter().toInstant());
        assertThat(untrusted.trusted()).isFalse();
        assertThat(untrusted.reasons()).singleElement().asString()
                .startsWith("certificate not trusted: no path to a configured trust anchor");
    }
}
