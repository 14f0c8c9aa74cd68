package vn.lienthong.gateway.security;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Applicants' identity numbers, phone numbers and e-mail addresses are masked in every JSON answer of
 * {@code /api/**} given to an operator below OPERATOR (a VIEWER): in the fields that hold them
 * ({@link PersonalData#maskJson}) and in free text (event details, notes, reasons).
 */
@RestControllerAdvice
public class ViewerMasking implements ResponseBodyAdvice<Object> {

    private static final Set<String> FREE_TEXT = Set.of("detail", "note", "summary", "description", "reason");

    private final ObjectMapper mapper;

    public ViewerMasking(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return MappingJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body == null || body instanceof ProblemDetail || !request.getURI().getPath().startsWith("/api/")
                || !isViewerOnly(SecurityContextHolder.getContext().getAuthentication())) {
            return body;
        }
        JsonNode tree = mapper.valueToTree(body);
        PersonalData.maskJson(tree);
        maskFreeText(tree);
        return tree;
    }

    /** An operator (not a connected system) without the OPERATOR role, ADMIN included through the hierarchy. */
    static boolean isViewerOnly(Authentication who) {
        if (who == null || who instanceof SystemAuthentication) {
            return false;
        }
        return who.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals("ROLE_OPERATOR")
                || a.getAuthority().equals("ROLE_ADMIN"));
    }

    private static void maskFreeText(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (FREE_TEXT.contains(field.getKey()) && field.getValue().isTextual()) {
                    field.setValue(new TextNode(PersonalData.maskText(field.getValue().textValue())));
                } else {
                    maskFreeText(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(ViewerMasking::maskFreeText);
        }
    }
}
