package vn.lienthong.gateway.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * A department whose software reads a queue on its agency's own message broker, connected by a system file naming
 * the connector {@code jms-broker}, the broker's URL and the gateway's login there ({@link OnboardingTestSupport}):
 * a submitted dossier arrives on that broker's queue, not on the gateway's.
 */
class AgencyBrokerDepartmentE2ETest extends OnboardingTestSupport {

    @Test
    void aDossierArrivesOnTheQueueOfTheAgencysOwnBroker() throws Exception {
        Answer accepted = postJson("/api/v1/dossiers", ONE_STOP_KEY, dossier("9.000007", "BHXH"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String code = accepted.json().get("dossierCode").asText();

        ActiveMQConnectionFactory agency = new ActiveMQConnectionFactory(AGENCY_BROKER.url(), AGENCY_BROKER.user(),
                AGENCY_BROKER.password());
        try (agency; Connection connection = agency.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer queue = session.createConsumer(session.createQueue("lienthong.dossiers"));
            AtomicReference<TextMessage> received = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                if (queue.receiveNoWait() instanceof TextMessage m && m.getText().contains(code)) {
                    received.set(m);
                }
                return received.get() != null;
            });
            JsonNode dossier = JSON.readTree(received.get().getText());
            assertThat(dossier.path("dossierCode").asText()).isEqualTo(code);
            assertThat(received.get().getStringProperty("CorrelationId")).isEqualTo(code);
            assertThat(received.get().getStringProperty("IdempotencyKey")).isNotBlank();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Answer tracked = operatorGet("/api/v1/dossiers/" + code);
            assertThat(tracked.json().path("steps").path(0).hasNonNull("deliveredAt")).as(tracked.body()).isTrue();
        });
    }

    @Test
    void theGatewayKeepsOneConnectionToTheAgencysBrokerForAllItsDeliveries() throws Exception {
        long before = AGENCY_BROKER.server().getActiveMQServer().getTotalConnectionCount();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Answer accepted = postJson("/api/v1/dossiers", ONE_STOP_KEY, dossier("9.000007", "BHXH"));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            codes.add(accepted.json().get("dossierCode").asText());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String code : codes) {
                Answer tracked = operatorGet("/api/v1/dossiers/" + code);
                assertThat(tracked.json().path("steps").path(0).hasNonNull("deliveredAt")).as(tracked.body())
                        .isTrue();
            }
        });
        // Before, each message opened (and closed) a connection of its own: six deliveries, six logins.
        assertThat(AGENCY_BROKER.server().getActiveMQServer().getTotalConnectionCount() - before)
                .as("connections the agency's broker accepted for six deliveries").isLessThanOrEqualTo(1);
    }
}
