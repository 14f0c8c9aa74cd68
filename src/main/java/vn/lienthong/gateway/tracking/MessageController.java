package vn.lienthong.gateway.tracking;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;

/** {@code GET /api/v1/messages} search and {@code GET /api/v1/messages/{id}} with hops (payload for OPERATOR+). */
@RestController
public class MessageController {

    private final MessageQueries messages;

    public MessageController(MessageQueries messages) {
        this.messages = messages;
    }

    @GetMapping("/api/v1/messages")
    public Map<String, Object> search(@RequestParam(required = false) String correlationId,
                                      @RequestParam(required = false) String system,
                                      @RequestParam(required = false) String flow,
                                      @RequestParam(required = false) String state,
                                      @RequestParam(required = false) OffsetDateTime since,
                                      @RequestParam(required = false) OffsetDateTime until,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        List<FieldError> errors = new java.util.ArrayList<>();
        if (page < 0) {
            errors.add(new FieldError("/page", page + " is below 0: pages are counted from 0"));
        }
        if (size < 1 || size > 500) {
            errors.add(new FieldError("/size", size + " is not between 1 and 500"));
        }
        if (state != null && !MessageProjection.STATES.contains(state)) {
            errors.add(new FieldError("/state", "'" + state + "' is not a message state; one of "
                    + String.join(", ", MessageProjection.STATES)));
        }
        if (!errors.isEmpty()) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, "The search parameters are not valid", errors);
        }
        List<MessageQueries.MessageView> found = messages.search(new MessageQueries.Filter(correlationId, system, flow,
                state, since, until), page, size);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("page", page);
        answer.put("size", size);
        answer.put("items", found);
        return answer;
    }

    @GetMapping("/api/v1/messages/{messageId}")
    public Map<String, Object> message(@PathVariable String messageId, Authentication who) {
        MessageQueries.MessageView message = messages.find(messageId).orElseThrow(() -> new GatewayException(
                ErrorCode.NOT_FOUND, "No message " + messageId + " (its events may still be on their way; try again"
                + " in a moment)"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("message", message);
        answer.put("events", messages.hops(messageId));
        boolean operator = who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_OPERATOR")
                || a.getAuthority().equals("ROLE_ADMIN"));
        if (operator) {
            messages.payload(messageId).ifPresent(p -> answer.put("payload", p));
        }
        return answer;
    }
}
