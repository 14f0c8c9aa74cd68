package vn.lienthong.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Edit-and-replay's form: one field per value, named by its pointer, read back as the type the value had. */
class PayloadFormTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyValueIsAFieldNamedByItsPointer() throws Exception {
        JsonNode payload = JSON.readTree("{\"dossierCode\":\"A-1\",\"revision\":1,\"applicant\":{\"name\":\"An\","
                + "\"a/b~c\":null},\"fees\":[{\"amount\":1.5,\"paid\":true}],\"documents\":[{\"content\":\""
                + "x".repeat(PayloadForm.MAX_FIELD + 1) + "\"}]}");
        assertThat(PayloadForm.fields(payload)).extracting(PayloadForm.Field::pointer).containsExactly(
                "/dossierCode", "/revision", "/applicant/name", "/applicant/a~1b~0c", "/fees/0/amount", "/fees/0/paid",
                "/documents/0/content");
        assertThat(PayloadForm.fields(payload).get(6).editable()).as("a long attachment is kept, not edited").isFalse();
        assertThat(PayloadForm.fields(JSON.readTree("\"text\""))).isEmpty();
    }

    @Test
    void submittedValuesKeepTheirTypeOrStayTextForTheCheckToReport() throws Exception {
        JsonNode payload = JSON.readTree("{\"revision\":1,\"fees\":[{\"amount\":1.5,\"paid\":true}],\"note\":null,"
                + "\"applicant\":{\"a/b\":\"x\"},\"content\":\"" + "x".repeat(PayloadForm.MAX_FIELD + 1) + "\"}");
        JsonNode edited = PayloadForm.apply(payload, Map.of("f/revision", new String[] {"2"},
                "f/fees/0/amount", new String[] {"2.25"}, "f/fees/0/paid", new String[] {"yes"},
                "f/note", new String[] {""}, "f/applicant/a~1b", new String[] {"y"},
                "f/content", new String[] {"replaced"}));
        assertThat(edited.get("revision").isIntegralNumber()).isTrue();
        assertThat(edited.get("revision").asInt()).isEqualTo(2);
        assertThat(edited.at("/fees/0/amount").decimalValue()).isEqualByComparingTo("2.25");
        assertThat(edited.at("/fees/0/paid").isTextual()).as("not a boolean: left for the schema check").isTrue();
        assertThat(edited.get("note").isNull()).isTrue();
        assertThat(edited.at("/applicant/a~1b").asText()).isEqualTo("y");
        assertThat(edited.get("content").asText()).as("a value too long to edit is never replaced").startsWith("xxx");
        assertThat(payload.get("revision").asInt()).as("the original is untouched").isEqualTo(1);
        assertThat(PayloadForm.apply(payload, Map.of("f/revision", new String[] {"two"})).get("revision").asText())
                .isEqualTo("two");
    }
}
