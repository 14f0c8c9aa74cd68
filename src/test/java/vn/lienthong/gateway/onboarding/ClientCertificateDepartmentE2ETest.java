package vn.lienthong.gateway.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * A REST department behind mutual TLS, connected by one system file ({@code auth: client-certificate} with a key store
 * and a trust store) and one procedure file ({@link OnboardingTestSupport}): its HTTPS server lets in only the
 * gateway's client certificate, and the gateway trusts only the department's certificate. A submitted dossier
 * arrives there over that connection and is tracked as delivered.
 */
class ClientCertificateDepartmentE2ETest extends OnboardingTestSupport {

    @Test
    void aDossierReachesTheDepartmentOverMutualTls() throws Exception {
        Answer accepted = postJson("/api/v1/dossiers", ONE_STOP_KEY, dossier("9.000008", "TP"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String code = accepted.json().get("dossierCode").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> AGENCY_TLS.received().stream()
                .anyMatch(r -> code.equals(r[0])));
        String[] request = AGENCY_TLS.received().stream().filter(r -> code.equals(r[0])).findFirst().orElseThrow();
        assertThat(request[1]).as("the client certificate the department saw")
                .isEqualTo("CN=lienthong-gw,O=Cong lien thong");
        assertThat(JSON.readTree(request[2]).path("dossierCode").asText()).isEqualTo(code);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Answer tracked = operatorGet("/api/v1/dossiers/" + code);
            assertThat(tracked.json().path("steps").path(0).hasNonNull("deliveredAt")).as(tracked.body()).isTrue();
        });
    }
}
