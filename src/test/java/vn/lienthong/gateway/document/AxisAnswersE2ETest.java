package vn.lienthong.gateway.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Every axis package gets its answer, and a status sent twice is one status: through the demo axis and the demo
 * document office, with derived message ids.
 */
class AxisAnswersE2ETest extends AxisTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String receivedDocument() {
        String documentId = freshDocumentId("000.00.00.G22");
        String axisId = inbox(withDocumentId(edxmlSample("edoc_new.edxml"), documentId));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(inboxItem(axisId).get("status").asText()).isEqualTo("done");
            assertThat(officeReceived(documentId).get("count").asInt()).isEqualTo(1);
        });
        return documentId;
    }

    private static String update(String documentId, String subject) {
        return withDocumentId(edxmlSample("edoc_update.edxml"), documentId)
                .replace("V/v kết nối, liên thông phần mềm quản lý văn bản", subject);
    }

    @Test
    void aSecondUpdateOfADocumentIsDeliveredAndAnsweredOnlyTheSamePackageAgainIsADuplicate() {
        String documentId = receivedDocument();
        String first = inbox(update(documentId, "Sửa đổi lần 1"));
        await().atMost(WAIT).until(() -> "done".equals(inboxItem(first).get("status").asText()));
        String second = inbox(update(documentId, "Sửa đổi lần 2"));
        await().atMost(WAIT).until(() -> "done".equals(inboxItem(second).get("status").asText()));
        String secondAgain = inbox(update(documentId, "Sửa đổi lần 2"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(inboxItem(secondAgain).get("status").asText()).isEqualTo("done");
            assertThat(documentView(documentId).json().get("events").findValuesAsText("type")).contains("DUPLICATE");
            // 01 for the document and for each of the two updates; none for the repeat.
            assertThat(sentStatuses(documentId).stream().filter("01"::equals).count()).isEqualTo(3);
        });
        List<String> delivered = officeReceived(documentId).get("received").findValuesAsText("businessType");
        assertThat(delivered).containsExactly("NEW", "UPDATE", "UPDATE");
        assertThat(documentView(documentId).json().get("packages").findValuesAsText("businessType"))
                .containsExactlyInAnyOrder("NEW", "UPDATE", "UPDATE");
    }

    @Test
    void aStatusTheOfficeSendsTwiceIsRecordedAndSentOnce() {
        String documentId = receivedDocument();
        String body = "{\"status\":\"05\",\"description\":\"Đang xử lý, gửi lại sau sự cố\"}";
        Answer firstTry = postJson("/api/v1/documents/" + pathOf(documentId) + "/status", DOC_OFFICE_KEY, body);
        Answer resend = postJson("/api/v1/documents/" + pathOf(documentId) + "/status", DOC_OFFICE_KEY, body);

        assertThat(firstTry.status()).isEqualTo(202);
        assertThat(resend.status()).isEqualTo(202);
        assertThat(resend.json().get("messageId").asText()).isEqualTo(firstTry.json().get("messageId").asText());
        String id = firstTry.json().get("messageId").asText();
        await().atMost(WAIT).untilAsserted(() -> assertThat(viewerGet("/api/v1/messages/" + id).json()
                .path("message").path("state").asText()).isEqualTo("DELIVERED"));
        JsonNode statuses = documentView(documentId).json().get("receivers").get(0).get("statuses");
        assertThat(statuses.findValuesAsText("description").stream()
                .filter("Đang xử lý, gửi lại sau sự cố"::equals).count()).isEqualTo(1);
        // The demo axis keeps what it was sent by Idempotency-Key: the resend is the same package to it. Once the
        // demo office's own answers are through (06), the axis holds its automatic 05 and this one.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(sentStatuses(documentId)).contains("06");
            assertThat(sentStatuses(documentId).stream().filter("05"::equals).count()).isEqualTo(2);
        });
    }
}
