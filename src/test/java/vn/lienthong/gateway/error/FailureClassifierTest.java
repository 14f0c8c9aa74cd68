package vn.lienthong.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one rule for HTTP answers that delivery, the axis client and the circuit probe share. */
class FailureClassifierTest {

    @ParameterizedTest(name = "HTTP {0} -> {1}, probe healthy {2}")
    @CsvSource({
            "200, , true",
            "202, , true",
            "204, , true",
            "302, , true",
            "400, TARGET_REJECTED, false",
            "401, TARGET_REJECTED, false",
            "403, TARGET_REJECTED, false",
            "404, TARGET_REJECTED, false",
            "405, TARGET_REJECTED, true",
            "408, TARGET_TIMEOUT, false",
            "409, TARGET_REJECTED, false",
            "422, TARGET_REJECTED, false",
            "429, TARGET_UNAVAILABLE, false",
            "500, TARGET_UNAVAILABLE, false",
            "502, TARGET_UNAVAILABLE, false",
            "503, TARGET_UNAVAILABLE, false",
            "504, TARGET_TIMEOUT, false",
    })
    void everyCallerReadsAnHttpAnswerTheSameWay(int status, ErrorCode expected, boolean probeHealthy) {
        assertThat(FailureClassifier.httpFailure(status)).isEqualTo(expected);
        assertThat(FailureClassifier.isHealthyProbeAnswer(status)).isEqualTo(probeHealthy);
        if (expected != null) {
            // What a delivery attempt meets: Camel's HTTP failure goes through the same table.
            GatewayException delivery = FailureClassifier.classify(
                    new HttpOperationFailedException("http://x", status, "text", null, null, "body"));
            assertThat(delivery.code()).isEqualTo(expected);
            assertThat(delivery.code().isTransient()).isEqualTo(status == 408 || status == 429 || status >= 500);
        }
    }
}
