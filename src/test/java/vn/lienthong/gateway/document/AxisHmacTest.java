package vn.lienthong.gateway.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The axis request signature covers the system, the time, the method, the path and the body. */
class AxisHmacTest {

    private static final byte[] BODY = "<edXML/>".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignatureMatchesOnlyTheRequestItWasMadeFor() {
        String signature = AxisHmac.sign("secret", "gw", "1700000000000", "POST", "/sim/axis/messages", BODY);
        assertThat(AxisHmac.matches(signature, "secret", "gw", "1700000000000", "post", "/sim/axis/messages", BODY))
                .isTrue();
        assertThat(AxisHmac.matches(signature, "other", "gw", "1700000000000", "POST", "/sim/axis/messages", BODY))
                .isFalse();
        assertThat(AxisHmac.matches(signature, "secret", "gw2", "1700000000000", "POST", "/sim/axis/messages", BODY))
                .isFalse();
        assertThat(AxisHmac.matches(signature, "secret", "gw", "1700000000001", "POST", "/sim/axis/messages", BODY))
                .isFalse();
        assertThat(AxisHmac.matches(signature, "secret", "gw", "1700000000000", "GET", "/sim/axis/messages", BODY))
                .isFalse();
        assertThat(AxisHmac.matches(signature, "secret", "gw", "1700000000000", "POST", "/sim/axis/messages?x", BODY))
                .isFalse();
        assertThat(AxisHmac.matches(signature, "secret", "gw", "1700000000000", "POST", "/sim/axis/messages",
                "<edXML />".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(AxisHmac.matches(null, "secret", "gw", "1700000000000", "POST", "/sim/axis/messages", BODY))
                .isFalse();
    }
}
