package vn.lienthong.gateway.simulator.axis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.lienthong.gateway.document.NationalAxisFeature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.lienthong.gateway.document.AxisHmac;
import vn.lienthong.gateway.document.AxisProperties;

/**
 * The demo national document axis (CONTRACT §6) under {@code /sim/axis}: the axis operations the gateway
 * uses (send, list received, get, update status), each checked for its HMAC signature, and the demo's
 * hooks: {@code POST /sim/axis/inbox} queues a package for the gateway, {@code GET /sim/axis/inbox} shows
 * what the gateway acknowledged, {@code GET /sim/axis/sent} lists what the gateway sent.
 */
@NationalAxisFeature
@RestController
@RequestMapping("/sim/axis")
@Profile("demo")
public class AxisSimulatorController {

    private final AxisSimulator axis;
    private final AxisProperties properties;
    private final ObjectMapper mapper;

    public AxisSimulatorController(AxisSimulator axis, AxisProperties properties, ObjectMapper mapper) {
        this.axis = axis;
        this.properties = properties;
        this.mapper = mapper;
    }

    // --- the axis operations (HMAC-signed) ---------------------------------------------------------

    /** Send: a document or status package from the gateway. */
    @PostMapping("/messages")
    public ResponseEntity<Object> send(HttpServletRequest request, @RequestBody(required = false) byte[] body,
                                       @RequestHeader(value = AxisHmac.SERVICE_TYPE, required = false) String type,
                                       @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        byte[] content = body == null ? new byte[0] : body;
        ResponseEntity<Object> refusal = check(request, content);
        if (refusal != null) {
            return refusal;
        }
        if (!"eDoc".equalsIgnoreCase(type) && !"Status".equalsIgnoreCase(type)) {
            return error(HttpStatus.BAD_REQUEST, "servicetype must be eDoc or Status");
        }
        if (content.length == 0) {
            return error(HttpStatus.BAD_REQUEST, "empty package");
        }
        String id = axis.receive(content, type, key);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", id, "status", "OK"));
    }

    /** List received: the packages of a type waiting for the caller. */
    @GetMapping("/messages")
    public ResponseEntity<Object> listReceived(HttpServletRequest request,
                                               @RequestParam(value = "servicetype", defaultValue = "eDoc") String type) {
        ResponseEntity<Object> refusal = check(request, new byte[0]);
        if (refusal != null) {
            return refusal;
        }
        List<Map<String, Object>> items = axis.waiting(type).stream().map(w -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", w.pkg().id());
            item.put("serviceType", w.pkg().serviceType());
            item.put("from", w.pkg().from());
            item.put("createdAt", w.pkg().at());
            item.put("status", w.status());
            return item;
        }).toList();
        return ResponseEntity.ok(items);
    }

    /** Get: one waiting package. */
    @GetMapping("/messages/{id}")
    public ResponseEntity<Object> get(HttpServletRequest request, @PathVariable String id) {
        ResponseEntity<Object> refusal = check(request, new byte[0]);
        if (refusal != null) {
            return refusal;
        }
        return axis.find(id).<ResponseEntity<Object>>map(w -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_XML).body(w.pkg().content()))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no package " + id));
    }

    /** Update status: done, processing or fail (with a reason). */
    @PutMapping("/messages/{id}/status")
    public ResponseEntity<Object> updateStatus(HttpServletRequest request, @PathVariable String id,
                                               @RequestBody(required = false) byte[] body) throws Exception {
        byte[] content = body == null ? new byte[0] : body;
        ResponseEntity<Object> refusal = check(request, content);
        if (refusal != null) {
            return refusal;
        }
        JsonNode json = mapper.readTree(content);
        String status = json.path("status").asText();
        if (!List.of("done", "processing", "fail").contains(status)) {
            return error(HttpStatus.BAD_REQUEST, "status must be done, processing or fail");
        }
        return axis.find(id).<ResponseEntity<Object>>map(w -> {
            w.acknowledge(status, json.path("reason").asText(null));
            return ResponseEntity.ok(Map.of("id", id, "status", status));
        }).orElseGet(() -> error(HttpStatus.NOT_FOUND, "no package " + id));
    }

    // --- demo hooks (no signature) -----------------------------------------------------------------

    /** Queues an edXML package for the gateway, as if another agency had sent it. */
    @PostMapping("/inbox")
    public ResponseEntity<Object> inbox(@RequestBody(required = false) byte[] body,
                                        @RequestParam(value = "servicetype", required = false) String type,
                                        @RequestParam(value = "from", required = false) String sender) {
        if (body == null || body.length == 0) {
            return error(HttpStatus.BAD_REQUEST, "send the edXML package as the request body");
        }
        AxisSimulator.Waiting waiting = axis.enqueue(body, type, sender);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(waitingView(waiting));
    }

    /** The packages queued for the gateway and how the gateway acknowledged them. */
    @GetMapping("/inbox")
    public List<Map<String, Object>> inboxList() {
        return axis.inbox().stream().map(this::waitingView).toList();
    }

    /** The packages the gateway sent, oldest first; optionally of one document. */
    @GetMapping("/sent")
    public List<Map<String, Object>> sent(@RequestParam(required = false) String documentId) {
        return axis.sent().stream().filter(p -> documentId == null || documentId.equals(p.documentId()))
                .map(AxisSimulatorController::packageView).toList();
    }

    /** One sent package as the gateway sent it (signed edXML). */
    @GetMapping("/sent/{id}")
    public ResponseEntity<Object> sentPackage(@PathVariable String id) {
        return axis.sent().stream().filter(p -> p.id().equals(id)).findFirst()
                .<ResponseEntity<Object>>map(p -> ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                        .body(p.content()))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no sent package " + id));
    }

    private Map<String, Object> waitingView(AxisSimulator.Waiting w) {
        Map<String, Object> view = packageView(w.pkg());
        view.put("status", w.status());
        view.put("reason", w.reason());
        view.put("acknowledgements", w.acknowledgements());
        return view;
    }

    private static Map<String, Object> packageView(AxisSimulator.Package p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", p.id());
        view.put("serviceType", p.serviceType());
        view.put("from", p.from());
        view.put("documentId", p.documentId());
        view.put("statusCode", p.statusCode());
        view.put("description", p.description());
        view.put("at", p.at());
        view.put("size", p.content().length);
        return view;
    }

    private ResponseEntity<Object> check(HttpServletRequest request, byte[] body) {
        String problem = AxisSignatureCheck.problem(request, body, properties);
        return problem == null ? null : error(HttpStatus.UNAUTHORIZED, problem);
    }

    private static ResponseEntity<Object> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", message));
    }
}
