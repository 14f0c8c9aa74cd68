package vn.lienthong.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FailureClassifier;
import vn.lienthong.gateway.error.GatewayException;

/**
 * A SOAP delivery is bound by its system's {@code delivery.timeout}: the slow izb-investment simulator
 * (answers after 5 s) is waited for under the configured 10 s and given up on, as a transient timeout,
 * when the system allows 1 s.
 */
class SoapDeliveryTimeoutE2ETest extends GatewayTestSupport {

    private static final String IZB = "izb-investment";

    @Autowired
    SystemRoutes systemRoutes;
    @Autowired
    Catalog catalog;
    @Autowired
    ProducerTemplate producer;

    @AfterEach
    void backUp() {
        simMode(IZB, "up", null);
    }

    private Exchange deliver(String uri) throws Exception {
        ObjectNode dossier = (ObjectNode) JSON.readTree(sample("dossiers/investment-lienthong.json"));
        // A code no dossier in the gateway has: the simulator's status reports about it are refused, not applied.
        dossier.put("dossierCode", "SOAP-TIMEOUT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        return producer.send(uri, exchange -> {
            exchange.getIn().setBody(dossier.toString());
            exchange.setProperty(DeliveryHeaders.MESSAGE_ID, UUID.randomUUID().toString());
        });
    }

    @Test
    void aSoapCallWaitsAsLongAsItsSystemAllowsAndNoLonger() throws Exception {
        ConnectedSystem izb = catalog.system(IZB).orElseThrow();
        assertThat(izb.delivery().timeout()).isEqualTo(Duration.ofSeconds(10));
        String uri = systemRoutes.sinkUri(izb);
        assertThat(uri).contains("timeoutMillis=10000");
        simMode(IZB, "slow", null);

        long started = System.nanoTime();
        Exchange answered = deliver(uri);
        assertThat(answered.getException()).as("the slow answer (5 s) is within 10 s").isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(4));

        Exchange timedOut = deliver(uri.replace("timeoutMillis=10000", "timeoutMillis=1000"));
        assertThat(timedOut.getException()).as("a 1 s timeout gives up on the slow answer").isNotNull();
        GatewayException failure = FailureClassifier.classify(timedOut.getException());
        assertThat(failure.code()).isEqualTo(ErrorCode.TARGET_TIMEOUT);
        assertThat(failure.isTransient()).isTrue();
    }
}
