package vn.lienthong.gateway.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * A new REST department behind OAuth2 client credentials, connected by one system file and one procedure file
 * ({@link OnboardingTestSupport}): it receives each dossier with a token the province's token endpoint issued to the
 * gateway; the token is reused while valid, fetched again once it expires, and fetched again when the department
 * refuses it (401) before its announced expiry.
 */
class OAuth2DepartmentE2ETest extends OnboardingTestSupport {

    /** Tokens the token endpoint issued, and until when (epoch millis) the department accepts each. */
    static final Map<String, Long> ISSUED = new ConcurrentHashMap<>();
    static final Set<String> REVOKED = ConcurrentHashMap.newKeySet();
    static final AtomicInteger TOKEN_REQUESTS = new AtomicInteger();
    static final AtomicLong NEXT_LIFETIME_SECONDS = new AtomicLong(3600);
    static final AtomicInteger REFUSED = new AtomicInteger();
    /** What the department accepted: the dossier code and the token it came with. */
    static final List<String[]> RECEIVED = new CopyOnWriteArrayList<>();

    static {
        AGENCY.createContext("/sso/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String client = exchange.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    ("lienthong-gw:" + TNMT_SECRET).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(client) || !form.contains("grant_type=client_credentials")
                    || !URLDecoder.decode(form, StandardCharsets.UTF_8).contains("scope=dossiers")) {
                answer(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
                return;
            }
            String token = "tok-" + TOKEN_REQUESTS.incrementAndGet();
            long lifetime = NEXT_LIFETIME_SECONDS.get();
            ISSUED.put(token, System.currentTimeMillis() + lifetime * 1000);
            answer(exchange, 200, "application/json", JSON.createObjectNode().put("access_token", token)
                    .put("token_type", "Bearer").put("expires_in", lifetime).toString());
        });
        AGENCY.createContext("/land/dossiers", exchange -> {
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String token = authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
            Long until = ISSUED.get(token);
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (until == null || until < System.currentTimeMillis() || REVOKED.contains(token)) {
                REFUSED.incrementAndGet();
                answer(exchange, 401, "application/json", "{\"error\":\"invalid_token\"}");
                return;
            }
            JsonNode dossier = JSON.readTree(body);
            RECEIVED.add(new String[] {dossier.path("dossierCode").asText(), token,
                    exchange.getRequestHeaders().getFirst("X-Correlation-Id")});
            answer(exchange, 200, "application/json", "{\"received\":true}");
        });
    }

    private static String submitAndAwait() throws IOException {
        Answer accepted = postJson("/api/v1/dossiers", ONE_STOP_KEY, dossier("9.000001", "TNMT"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String code = accepted.json().get("dossierCode").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> tokenOf(code) != null);
        return code;
    }

    private static String tokenOf(String code) {
        return RECEIVED.stream().filter(r -> r[0].equals(code)).map(r -> r[1]).findFirst().orElse(null);
    }

    @Test
    void theDepartmentReceivesDossiersWithAValidTokenBeforeAndAfterItExpires() throws IOException {
        String first = submitAndAwait();
        assertThat(tokenOf(first)).isEqualTo("tok-1");
        assertThat(RECEIVED.get(0)[2]).as("X-Correlation-Id is the dossier code").isEqualTo(first);

        // Reused while valid: no second trip to the token endpoint.
        String second = submitAndAwait();
        assertThat(tokenOf(second)).isEqualTo("tok-1");
        assertThat(TOKEN_REQUESTS).hasValue(1);

        // The department revokes the token early: the 401 makes the gateway fetch a new one and send again.
        NEXT_LIFETIME_SECONDS.set(1);
        REVOKED.add("tok-1");
        String third = submitAndAwait();
        assertThat(tokenOf(third)).isEqualTo("tok-2");
        assertThat(REFUSED).hasValue(1);

        // tok-2 lives one second: once it has expired, the next dossier comes with a new token, unrefused.
        await().pollDelay(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3))
                .until(() -> ISSUED.get("tok-2") < System.currentTimeMillis());
        NEXT_LIFETIME_SECONDS.set(3600);
        String fourth = submitAndAwait();
        assertThat(tokenOf(fourth)).isEqualTo("tok-3");
        assertThat(REFUSED).as("an expired token is renewed before it is sent").hasValue(1);
    }
}
