package vn.lienthong.gateway.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The national axis can be paused like any other system: while paused the gateway takes nothing from it and sends
 * nothing to it (packages wait, no attempt spent); an operator's resume lets both go again.
 */
class AxisPauseE2ETest extends AxisTestSupport {

    private static JsonNode axisView() {
        for (JsonNode s : viewerGet("/api/v1/systems").json()) {
            if ("national-axis".equals(s.get("id").asText())) {
                return s;
            }
        }
        throw new AssertionError("no national-axis in /api/v1/systems");
    }

    @Test
    void aPausedAxisIsNeitherPolledNorSentToUntilAnOperatorResumesIt() {
        Answer paused = operatorPost("/api/v1/systems/national-axis/pause", "{\"reason\":\"bảo trì trục\"}");
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> axisView().get("paused").asBoolean());
            String documentId = freshDocumentId("000.00.00.G22");
            String axisId = inbox(withDocumentId(edxmlSample("edoc_new.edxml"), documentId));

            // Polled every second in the demo: three seconds untouched means nobody is polling.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> "pending".equals(inboxItem(axisId).get("status").asText()));
            assertThat(officeReceived(documentId).get("count").asInt()).isZero();

            Answer resumed = operatorPost("/api/v1/systems/national-axis/resume", "{\"reason\":\"xong\"}");
            assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(inboxItem(axisId).get("status").asText()).isEqualTo("done");
                assertThat(officeReceived(documentId).get("count").asInt()).isEqualTo(1);
                // The 01 the gateway sends back went out once sending resumed.
                assertThat(sentStatuses(documentId)).contains("01");
            });
        } finally {
            operatorPost("/api/v1/systems/national-axis/resume", "{\"reason\":\"test over\"}");
        }
    }

    @Test
    void whatTheGatewaySendsWaitsWhileTheAxisIsPaused() {
        String documentId = freshDocumentId("000.00.00.G22");
        String axisId = inbox(withDocumentId(edxmlSample("edoc_new.edxml"), documentId));
        await().atMost(Duration.ofSeconds(20)).until(() -> officeReceived(documentId).get("count").asInt() == 1
                && sentStatuses(documentId).contains("06"));
        assertThat(inboxItem(axisId).get("status").asText()).isEqualTo("done");
        assertThat(operatorPost("/api/v1/systems/national-axis/pause", "{\"reason\":\"bảo trì\"}").status())
                .isEqualTo(200);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> axisView().get("paused").asBoolean());
            String body = "{\"status\":\"05\",\"description\":\"Đang xử lý khi trục tạm dừng\"}";
            Answer accepted = postJson("/api/v1/documents/" + pathOf(documentId) + "/status", DOC_OFFICE_KEY, body);
            assertThat(accepted.status()).isEqualTo(202);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                    sentStatuses(documentId).stream().filter("05"::equals).count() == 1);
            assertThat(axisView().get("queueDepth").asInt()).isGreaterThanOrEqualTo(1);

            operatorPost("/api/v1/systems/national-axis/resume", "{\"reason\":\"xong\"}");
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    sentStatuses(documentId).stream().filter("05"::equals).count() == 2);
        } finally {
            operatorPost("/api/v1/systems/national-axis/resume", "{\"reason\":\"test over\"}");
        }
    }
}
