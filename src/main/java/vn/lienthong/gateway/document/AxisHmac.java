package vn.lienthong.gateway.document;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import vn.lienthong.gateway.support.Sha256;

/**
 * The request signature of the national document axis: HMAC-SHA256, keyed with the secret the axis
 * issued to the system, over {@code systemid}, {@code timestamp}, method, path with query and the
 * SHA-256 of the body, one per line. Shared by the connector and the demo axis simulator.
 */
public final class AxisHmac {

    /** Header naming the calling system. */
    public static final String SYSTEM_ID = "systemid";
    /** Header with the request time, epoch milliseconds; the axis refuses stale requests. */
    public static final String TIMESTAMP = "timestamp";
    /** Header with the Base64 HMAC-SHA256 of the canonical request. */
    public static final String SIGNATURE = "signature";
    /** Header saying what a sent package is: {@code eDoc} or {@code Status}. */
    public static final String SERVICE_TYPE = "servicetype";

    private AxisHmac() {
    }

    /** The Base64 signature of one request. */
    public static String sign(String secret, String systemId, String timestamp, String method, String pathAndQuery,
                              byte[] body) {
        return signDigest(secret, systemId, timestamp, method, pathAndQuery, Sha256.hex(body == null ? new byte[0]
                : body));
    }

    /** The Base64 signature of one request whose body has the SHA-256 {@code bodySha256} (hexadecimal). */
    public static String signDigest(String secret, String systemId, String timestamp, String method,
                                    String pathAndQuery, String bodySha256) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String canonical = String.join("\n", systemId, timestamp, method.toUpperCase(java.util.Locale.ROOT),
                    pathAndQuery, bodySha256);
            return Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Whether {@code presented} is the signature of the request, compared in constant time. */
    public static boolean matches(String presented, String secret, String systemId, String timestamp, String method,
                                  String pathAndQuery, byte[] body) {
        if (presented == null) {
            return false;
        }
        byte[] expected = sign(secret, systemId, timestamp, method, pathAndQuery, body)
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.US_ASCII));
    }
}
