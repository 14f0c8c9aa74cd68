package vn.lienthong.gateway.signature;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Demo key material: a self-signed demo CA and an agency signing certificate it issued, created once
 * under a folder (the application passes {@code data/keys/}) when no real key store is configured.
 * Never for production: the CA key is thrown away and anyone with the folder can sign.
 */
public final class DemoKeyMaterial {

    /** File name of the agency PKCS#12 key store inside the demo folder. */
    public static final String KEY_STORE_FILE = "agency-signing.p12";
    /** File name of the demo CA certificate (trust anchor) inside the demo folder. */
    public static final String CA_CERTIFICATE_FILE = "demo-ca.pem";
    /** Alias of the signing key inside the demo key store. */
    public static final String ALIAS = "agency-signing";

    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";

    private DemoKeyMaterial() {
    }

    /**
     * Loads {@code <folder>/agency-signing.p12}, creating it first (with {@code demo-ca.pem} next to
     * it) when it does not exist, so a fresh clone can sign without any setup.
     */
    public static SigningKey loadOrCreate(Path folder, char[] password, String agencyName) {
        Path keyStore = folder.resolve(KEY_STORE_FILE);
        if (!Files.exists(keyStore)) {
            Instant now = Instant.now();
            SigningKey ca = createCa("CN=Demo Lien Thong CA,O=Lien Thong Gateway Demo,C=VN", 3072,
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
            SigningKey agency = issue(ca, "CN=" + agencyName + ",O=Lien Thong Gateway Demo,C=VN", 2048,
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(825)));
            KeyMaterial.writePem(folder.resolve(CA_CERTIFICATE_FILE), ca.certificate());
            KeyMaterial.storePkcs12(agency, keyStore, password, ALIAS);
        }
        return KeyMaterial.loadPkcs12(keyStore, password, ALIAS);
    }

    /** A self-signed CA certificate with a fresh RSA key of {@code keySize} bits. */
    public static SigningKey createCa(String subject, int keySize, Instant notBefore, Instant notAfter) {
        KeyPair keys = newRsaKeyPair(keySize);
        X500Name name = new X500Name(subject);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, randomSerial(),
                    Date.from(notBefore), Date.from(notAfter), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new SigningKey(keys.getPrivate(), List.of(sign(builder, keys)));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new KeyMaterialException("cannot create demo CA certificate: " + e.getMessage(), e);
        }
    }

    /** An end-entity signing certificate issued by {@code issuer}; the returned chain is the new certificate then the issuer's chain. */
    public static SigningKey issue(SigningKey issuer, String subject, int keySize, Instant notBefore, Instant notAfter) {
        KeyPair keys = newRsaKeyPair(keySize);
        X509Certificate issuerCertificate = issuer.certificate();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerCertificate, randomSerial(),
                    Date.from(notBefore), Date.from(notAfter), new X500Name(subject), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(issuerCertificate));
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(issuer.privateKey());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(certificate);
            chain.addAll(issuer.chain());
            return new SigningKey(keys.getPrivate(), chain);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new KeyMaterialException("cannot issue demo certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair keys) throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new KeyMaterialException("cannot sign demo certificate: " + e.getMessage(), e);
        }
    }

    private static KeyPair newRsaKeyPair(int keySize) {
        if (keySize < 2048) {
            // Below 2048 bits RSA is no longer acceptable for signatures (NIST SP 800-131A).
            throw new KeyMaterialException("RSA keys must have at least 2048 bits, got " + keySize);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(keySize, new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("cannot generate RSA key: " + e.getMessage(), e);
        }
    }

    private static BigInteger randomSerial() {
        // Positive 127-bit random serials, as CAs issue since CA/B Forum ballot 164.
        return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
    }
}
