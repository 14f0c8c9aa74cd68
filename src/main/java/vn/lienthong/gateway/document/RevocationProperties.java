package vn.lienthong.gateway.document;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the signature check learns which certificates are revoked ({@code gateway.axis.revocation}). Only these
 * configured sources are read; a URL named inside a certificate or a package is never fetched.
 *
 * @param crls          CRL files (PEM or DER) or folders of them, e.g. those the national root CA publishes; read
 *                      at start-up
 * @param ocspResponder an OCSP responder asked about each signer no CRL revokes (optional); without its answer a
 *                      signature is not valid
 * @param ocspTimeout   how long to wait for it (default 5 s)
 */
@ConfigurationProperties(prefix = "gateway.axis.revocation")
public record RevocationProperties(List<Path> crls, java.net.URI ocspResponder, java.time.Duration ocspTimeout) {

    public RevocationProperties {
        crls = crls == null ? List.of() : List.copyOf(crls);
        ocspTimeout = ocspTimeout == null ? java.time.Duration.ofSeconds(5) : ocspTimeout;
    }
}
