package vn.lienthong.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.lienthong.gateway.GatewayTestSupport;

/** An operator's bad query gets a 400 problem that names the parameter and says what it must look like. */
class OperatorApiBadInputE2ETest extends GatewayTestSupport {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/api/v1/messages?page=-1              | /page  | pages are counted from 0",
        "/api/v1/messages?size=0               | /size  | not between 1 and 500",
        "/api/v1/messages?size=100000          | /size  | not between 1 and 500",
        "/api/v1/messages?state=LOST           | /state | one of RECEIVED, ROUTED",
        "/api/v1/messages?since=yesterday      | /since | date-time with offset",
        "/api/v1/messages?until=2026-13-01     | /until | date-time with offset",
        "/api/v1/messages?page=first           | /page  | a whole number",
        "/api/v1/dead-letters?limit=all        | /limit | a whole number",
        "/api/v1/reports/on-time?to=2026-12-01 | /from  | is required",
    })
    void aBadQueryIsRefusedWithTheParameterNamed(String path, String pointer, String message) {
        Answer answer = viewerGet(path);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.get("errors").findValuesAsText("pointer")).contains(pointer);
        assertThat(problem.get("errors").toString()).contains(message);
    }
}
