package vn.lienthong.gateway.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.jms.core.JmsTemplate;

/** The intake ledger at start-up when the (external) broker cannot be reached. */
class IntakeLedgerTest {

    @Test
    void anUnreachableBrokerDoesNotStopTheGatewayFromStarting() {
        try (ActiveMQConnectionFactory nowhere = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:1?initialConnectAttempts=1&reconnectAttempts=0")) {
            IntakeLedger ledger = new IntakeLedger(null, new JmsTemplate(nowhere), new ObjectMapper());
            assertThatCode(ledger::start).doesNotThrowAnyException();
            assertThat(ledger.isRunning()).isTrue();
        }
    }
}
