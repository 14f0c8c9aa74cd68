package vn.lienthong.gateway.signature;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * An agency's private signing key with its certificate chain, signer certificate first.
 *
 * @param privateKey the private key; never serialised or logged
 * @param chain signer certificate first, then its issuers as far as known
 */
public record SigningKey(PrivateKey privateKey, List<X509Certificate> chain) {

    public SigningKey {
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain == null || chain.isEmpty()) {
            throw new KeyMaterialException("a signing key needs at least its own certificate");
        }
        chain = List.copyOf(chain);
    }

    /** The signer's own certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        // The private key must never end up in a log line.
        return "SigningKey[" + certificate().getSubjectX500Principal().getName() + "]";
    }
}
