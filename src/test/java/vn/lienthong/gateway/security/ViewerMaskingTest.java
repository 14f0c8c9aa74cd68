package vn.lienthong.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** A VIEWER gets applicants' identity numbers, phones and e-mails masked in API answers; OPERATOR and up do not. */
class ViewerMaskingTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @ParameterizedTest
    @CsvSource({"ROLE_VIEWER, true", "ROLE_OPERATOR, false", "ROLE_ADMIN, false"})
    void maskedForViewersOnly(String role, boolean masked) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "someone", null, List.of(new SimpleGrantedAuthority(role))));
        Map<String, Object> answer = Map.of(
                "applicant", Map.of("idNumber", "075190001234", "phone", "0918535758", "email", "tram@example.vn"),
                "events", List.of(Map.of("detail", "gọi lại số 0918535758, CCCD 075190001234")));
        Object written = new ViewerMasking(mapper).beforeBodyWrite(answer, null, MediaType.APPLICATION_JSON,
                MappingJackson2HttpMessageConverter.class, request("/api/v1/dossiers/X"),
                new ServletServerHttpResponse(new MockHttpServletResponse()));
        JsonNode json = mapper.valueToTree(written);
        String text = json.toString();
        if (masked) {
            assertThat(text).doesNotContain("075190001234").doesNotContain("0918535758").doesNotContain("tram@")
                    .contains("*********234").contains("*******758");
        } else {
            assertThat(text).contains("075190001234").contains("0918535758").contains("tram@example.vn");
        }
    }

    private static ServletServerHttpRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        return new ServletServerHttpRequest(request);
    }
}
