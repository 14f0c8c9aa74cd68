package vn.lienthong.gateway.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/** A test CA and agency signing keys made in the test, so no key material is committed. */
final class TestPki {

    final SigningKey ca;
    final SigningKey agency;

    private TestPki(SigningKey ca, SigningKey agency) {
        this.ca = ca;
        this.agency = agency;
    }

    /** A fresh CA ("Test Lien Thong CA") and an agency certificate valid from yesterday for a year. */
    static TestPki create() {
        Instant now = Instant.now();
        SigningKey ca = DemoKeyMaterial.createCa("CN=Test Lien Thong CA,O=Test,C=VN", 2048,
                now.minus(Duration.ofDays(1825)), now.plus(Duration.ofDays(3650)));
        SigningKey agency = DemoKeyMaterial.issue(ca, "CN=UBND Tinh Test,O=Test,C=VN", 2048,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        return new TestPki(ca, agency);
    }

    /** An agency certificate from the same CA that expired a month ago. */
    SigningKey expiredAgency() {
        Instant now = Instant.now();
        return DemoKeyMaterial.issue(ca, "CN=UBND Tinh Het Han,O=Test,C=VN", 2048,
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(30)));
    }

    TrustAnchors anchors() {
        return TrustAnchors.of(ca.certificate());
    }

    static byte[] resource(String name) {
        try (InputStream in = TestPki.class.getResourceAsStream("/signature/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /signature/" + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Index of the first occurrence of {@code marker} (UTF-8) in {@code data}; fails the test if absent. */
    static int indexOf(byte[] data, String marker) {
        return indexOf(data, marker.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Index of the first occurrence of {@code needle} in {@code data}; fails the test if absent. */
    static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("marker not found: " + new String(needle, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** A copy with the byte right after {@code marker} changed (ASCII letter swapped), as an attacker or a broken hop would. */
    static byte[] changeByteAfter(byte[] data, String marker) {
        byte[] copy = data.clone();
        int at = indexOf(copy, marker) + marker.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        copy[at] = (byte) (copy[at] == 'X' ? 'Y' : 'X');
        return copy;
    }
}
