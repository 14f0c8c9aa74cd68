package vn.lienthong.gateway.delivery;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.lienthong.gateway.audit.AuditLog;
import vn.lienthong.gateway.contract.JsonContracts;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.web.BoundedBody;

/** The operators' API for dead letters, systems (pause, resume, health) and the audit log (CONTRACT §3). */
@RestController
public class OperationsController {

    private static final DataSize MAX_BODY = DataSize.ofMegabytes(20);

    private final DeadLetters deadLetters;
    private final DeadLetterReplay replay;
    private final Systems systems;
    private final AuditLog audit;
    private final JsonContracts contracts;

    public OperationsController(DeadLetters deadLetters, DeadLetterReplay replay, Systems systems, AuditLog audit,
                                JsonContracts contracts) {
        this.deadLetters = deadLetters;
        this.replay = replay;
        this.systems = systems;
        this.audit = audit;
        this.contracts = contracts;
    }

    @GetMapping("/api/v1/dead-letters")
    public List<Map<String, Object>> deadLetters(@RequestParam(required = false) String system,
                                                 @RequestParam(required = false) String flow,
                                                 @RequestParam(defaultValue = "500") int limit) {
        return deadLetters.open(system, flow, limit).stream().map(d -> summary(d)).toList();
    }

    @GetMapping("/api/v1/dead-letters/{id}")
    public DeadLetters.DeadLetter deadLetter(@PathVariable String id) {
        return deadLetters.find(id).orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND, "No dead letter " + id));
    }

    @PostMapping("/api/v1/dead-letters/{id}/replay")
    public Map<String, Object> replay(@PathVariable String id, HttpServletRequest request, Principal operator) {
        byte[] corrected = BoundedBody.read(request, MAX_BODY);
        return summary(replay.replay(id, corrected, operator.getName()));
    }

    @PostMapping("/api/v1/dead-letters/{id}/discard")
    public Map<String, Object> discard(@PathVariable String id, HttpServletRequest request, Principal operator) {
        JsonNode body = body(request);
        return summary(replay.discard(id, body.path("reason").asText(null), operator.getName()));
    }

    @PostMapping("/api/v1/dead-letters/replay")
    public Map<String, Object> replayAll(HttpServletRequest request, Principal operator) {
        JsonNode body = body(request);
        String system = body.path("system").asText(null);
        String flow = body.path("flow").asText(null);
        int count = replay.replayAll(system, flow, operator.getName());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("system", system);
        answer.put("flow", flow);
        answer.put("replayed", count);
        return answer;
    }

    @GetMapping("/api/v1/systems")
    public List<Systems.SystemView> systems() {
        return systems.all();
    }

    @PostMapping("/api/v1/systems/{id}/pause")
    public Systems.SystemView pause(@PathVariable String id, HttpServletRequest request, Principal operator) {
        return systems.setPaused(id, true, operator.getName(), body(request).path("reason").asText(null));
    }

    @PostMapping("/api/v1/systems/{id}/resume")
    public Systems.SystemView resume(@PathVariable String id, HttpServletRequest request, Principal operator) {
        return systems.setPaused(id, false, operator.getName(), body(request).path("reason").asText(null));
    }

    @GetMapping("/api/v1/audit")
    public List<AuditLog.Entry> audit(@RequestParam(defaultValue = "200") int limit) {
        return audit.recent(limit);
    }

    private static Map<String, Object> summary(DeadLetters.DeadLetter d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", d.id());
        view.put("messageId", d.messageId());
        view.put("correlationId", d.correlationId());
        view.put("system", d.system());
        view.put("flow", d.flow());
        view.put("attempts", d.attempts());
        view.put("firstFailureAt", d.firstFailureAt());
        view.put("lastFailureAt", d.lastFailureAt());
        view.put("errorCode", d.errorCode());
        view.put("errorMessage", d.errorMessage());
        view.put("state", d.state());
        view.put("resolvedBy", d.resolvedBy());
        view.put("resolvedAt", d.resolvedAt());
        view.put("resolutionReason", d.resolutionReason());
        return view;
    }

    private JsonNode body(HttpServletRequest request) {
        byte[] bytes = BoundedBody.read(request, DataSize.ofKilobytes(64));
        return bytes.length == 0 ? new ObjectMapper().createObjectNode() : contracts.parse(bytes);
    }
}
