package vn.lienthong.gateway.catalog;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import vn.lienthong.gateway.support.Sha256;

/**
 * The keys a system may present in {@code X-Api-Key}, kept only as SHA-256 digests: the key itself is dropped once
 * the file is read, so neither a heap dump nor a log line can show it. Two keys may be valid at once while a
 * system switches to a new one ({@code apiKey} and {@code nextApiKey}). A system may also be known by the SHA-256
 * fingerprint of its TLS client certificate (mutual TLS).
 */
public final class ApiKeys {

    private static final String DEMO_PREFIX = "demo-";

    private final List<byte[]> digests;
    private final String demoKey;
    private final String certificateSha256;

    private ApiKeys(List<byte[]> digests, String demoKey, String certificateSha256) {
        this.digests = digests;
        this.demoKey = demoKey;
        this.certificateSha256 = certificateSha256;
    }

    /**
     * The keys {@code current} and, during a rotation, {@code next} (null when there is none), and the client
     * certificate fingerprint (hex, colons allowed; null when the system uses no client certificate).
     */
    public static ApiKeys of(String current, String next, String certificateSha256) {
        List<byte[]> digests = next == null ? List.of(Sha256.of(current)) : List.of(Sha256.of(current), Sha256.of(next));
        String demo = current.startsWith(DEMO_PREFIX) ? current
                : next != null && next.startsWith(DEMO_PREFIX) ? next : null;
        String fingerprint = certificateSha256 == null ? null
                : certificateSha256.replace(":", "").toLowerCase(Locale.ROOT);
        return new ApiKeys(digests, demo, fingerprint);
    }

    /** Whether {@code presented} is one of the keys; compares digests in constant time, every digest every time. */
    public boolean matches(byte[] presentedDigest) {
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, presentedDigest);
        }
        return match;
    }

    /** Whether the two share a key (every system needs its own). */
    public boolean overlaps(ApiKeys other) {
        for (byte[] digest : other.digests) {
            if (matches(digest)) {
                return true;
            }
        }
        return false;
    }

    /** How many keys are valid now (2 during a rotation). */
    public int count() {
        return digests.size();
    }

    /** The committed demo key this system uses (public by nature), if it uses one; any other key is never kept. */
    public Optional<String> demoKey() {
        return Optional.ofNullable(demoKey);
    }

    /** The lower-case hex SHA-256 fingerprint of the system's TLS client certificate, if it has one. */
    public Optional<String> certificateSha256() {
        return Optional.ofNullable(certificateSha256);
    }

    /** Whether {@code encodedCertificate} (DER) is this system's client certificate. */
    public boolean matchesCertificate(byte[] encodedCertificate) {
        if (certificateSha256 == null) {
            return false;
        }
        byte[] expected = HexFormat.of().parseHex(certificateSha256);
        return MessageDigest.isEqual(expected, Sha256.of(encodedCertificate));
    }

    @Override
    public String toString() {
        return "ApiKeys[" + digests.size() + " key(s)" + (certificateSha256 == null ? "" : ", client certificate") + "]";
    }
}
