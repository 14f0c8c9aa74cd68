package vn.lienthong.gateway.document;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the signature check learns which certificates are revoked ({@code gateway.axis.revocation}). Only these
 * configured sources are read; a URL named inside a certificate or a package is never fetched.
 *
 * @param crls CRL files (PEM or DER) or folders of them, e.g. those the national root CA publishes; read at start-up
 */
@ConfigurationProperties(prefix = "gateway.axis.revocation")
public record RevocationProperties(List<Path> crls) {

    public RevocationProperties {
        crls = crls == null ? List.of() : List.copyOf(crls);
    }
}
