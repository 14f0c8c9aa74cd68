package vn.lienthong.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Applicants' identity numbers, phone numbers and e-mail addresses never show in clear where they must not. */
class PersonalDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachKindKeepsOnlyWhatTellsTwoApplicantsApart() {
        assertThat(PersonalData.maskIdNumber("075190001234")).isEqualTo("*********234");
        assertThat(PersonalData.maskPhone("0918 535 758")).isEqualTo("**** *** 758");
        assertThat(PersonalData.maskEmail("tram.nguyen@example.vn")).isEqualTo("t**********@example.vn");
        assertThat(PersonalData.maskIdNumber(null)).isNull();
    }

    @Test
    void aDossierAndAPortalSyncAreMaskedFieldByFieldAtAnyDepth() throws Exception {
        JsonNode dossier = JSON.readTree("""
                {"dossierCode":"H19.22-261121-0042","applicant":{"name":"Nguyễn Thị Ngọc Trâm",
                 "idNumber":"075190001234","phone":"0918535758","email":"tram.nguyen@example.vn"},
                 "items":[{"SoGiayToChuHoSo":"079123456789","SoDienThoai":"+84918535758"}]}""");

        String masked = PersonalData.maskJson(dossier).toString();

        assertThat(masked).doesNotContain("075190001234", "0918535758", "tram.nguyen", "079123456789",
                        "+84918535758")
                .contains("\"*********234\"", "\"*******758\"", "\"t**********@example.vn\"", "\"*********789\"",
                        "\"+********758\"", "Nguyễn Thị Ngọc Trâm", "H19.22-261121-0042");
    }

    @Test
    void freeTextKeepsCodesDatesAndIdsButNotPersonalData() {
        String line = "dossier H19.22-261121-0042 from 075190001234 (0918535758, tram.nguyen@example.vn)"
                + " at 20261121094000, document 000.00.00.G22,2015/09/30,7816/VPCP-TTĐT, message 1732181234567";

        assertThat(PersonalData.maskText(line)).isEqualTo("dossier H19.22-261121-0042 from *********234"
                + " (*******758, t**********@example.vn) at 20261121094000, document"
                + " 000.00.00.G22,2015/09/30,7816/VPCP-TTĐT, message 1732181234567");
    }

    @Test
    void theLogConverterMasksTheMessageOfALine() {
        LoggingEvent event = new LoggingEvent("test", new LoggerContext().getLogger("test"), Level.INFO,
                "rejected dossier of {} ({})", null, new Object[] {"075190001234", "0918535758"});
        MaskedMessageConverter converter = new MaskedMessageConverter();

        assertThat(converter.convert(event)).isEqualTo("rejected dossier of *********234 (*******758)");
    }
}
