package vn.lienthong.gateway.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Loads and stores agency signing keys (PKCS#12) and writes certificates and keys as PEM for other tools. */
public final class KeyMaterial {

    private KeyMaterial() {
    }

    /**
     * Loads the private key and certificate chain stored under {@code alias} in a PKCS#12 file.
     *
     * @throws KeyMaterialException naming the file and what is wrong (missing, bad password, unknown alias)
     */
    public static SigningKey loadPkcs12(Path file, char[] password, String alias) {
        if (!Files.isRegularFile(file)) {
            throw new KeyMaterialException("PKCS#12 key store " + file.toAbsolutePath() + " does not exist");
        }
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyMaterialException("cannot open PKCS#12 key store " + file.toAbsolutePath()
                    + " (wrong password or not a PKCS#12 file): " + e.getMessage(), e);
        }
        try {
            if (!store.isKeyEntry(alias)) {
                throw new KeyMaterialException("PKCS#12 key store " + file.toAbsolutePath() + " has no private key under alias '"
                        + alias + "'; aliases present: " + Collections.list(store.aliases()));
            }
            Key key = store.getKey(alias, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new KeyMaterialException("entry '" + alias + "' in " + file.toAbsolutePath() + " is not a private key");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(alias)) {
                chain.add((X509Certificate) certificate);
            }
            return new SigningKey(privateKey, chain);
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("cannot read key '" + alias + "' from " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code key} with its chain to a new PKCS#12 file (parent folders are created). */
    public static void storePkcs12(SigningKey key, Path file, char[] password, String alias) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key.privateKey(), password, key.chain().toArray(new Certificate[0]));
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyMaterialException("cannot write PKCS#12 key store " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** PEM text ("-----BEGIN CERTIFICATE-----" / "-----BEGIN PRIVATE KEY-----") of certificates or keys, in order. */
    public static String toPem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                // PKCS#8 ("BEGIN PRIVATE KEY") is what xmlsec1 and openssl read without a key-type hint.
                pem.writeObject(object instanceof PrivateKey privateKey
                        ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(privateKey, null) : object);
            }
        } catch (IOException e) {
            throw new KeyMaterialException("cannot encode PEM: " + e.getMessage(), e);
        }
        return text.toString();
    }

    /** Writes {@link #toPem(Object...)} to a file. */
    public static void writePem(Path file, Object... objects) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
                out.write(toPem(objects));
            }
        } catch (IOException e) {
            throw new KeyMaterialException("cannot write PEM file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
