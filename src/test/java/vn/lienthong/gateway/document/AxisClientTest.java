package vn.lienthong.gateway.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.catalog.DeliveryPolicy;
import vn.lienthong.gateway.catalog.Protocol;
import vn.lienthong.gateway.catalog.SystemKind;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;

/** The axis client reads the axis's HTTP answers by the gateway's one rule (a 408 is tried again). */
class AxisClientTest {

    private HttpServer axis;
    private volatile int answer;

    @BeforeEach
    void start() throws Exception {
        axis = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        axis.createContext("/axis", exchange -> {
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        axis.start();
    }

    @AfterEach
    void stop() {
        axis.stop(0);
    }

    @ParameterizedTest(name = "axis answers {0}: {1}")
    @CsvSource({"408, TARGET_TIMEOUT", "429, TARGET_UNAVAILABLE", "500, TARGET_UNAVAILABLE", "504, TARGET_TIMEOUT",
            "401, TARGET_REJECTED", "404, TARGET_REJECTED"})
    void anAxisAnswerIsTransientOrPermanentByTheSharedRule(int status, ErrorCode expected) {
        answer = status;
        GatewayException failure = catchThrowableOfType(GatewayException.class,
                () -> client().acknowledge("42", AxisClient.Ack.DONE, null));
        assertThat(failure.code()).isEqualTo(expected);
        assertThat(failure.getMessage()).contains(String.valueOf(status));
    }

    private AxisClient client() {
        String endpoint = "http://127.0.0.1:" + axis.getAddress().getPort() + "/axis";
        ConnectedSystem system = new ConnectedSystem("national-axis", "axis", SystemKind.NATIONAL_AXIS, "000.00.00.G22",
                Protocol.REST, endpoint, null, vn.lienthong.gateway.catalog.ApiKeys.of("key", null, null), null, null,
                DeliveryPolicy.DEFAULT, null);
        AxisProperties properties = new AxisProperties("gw", "secret", Duration.ofSeconds(1), Duration.ofSeconds(5), 3,
                DataSize.ofMegabytes(1), null, null, null, null);
        return new AxisClient(properties, new Catalog(Map.of(system.id(), system), Map.of()), new ObjectMapper());
    }
}
