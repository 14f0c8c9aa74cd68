package vn.lienthong.gateway.simulator;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import vn.lienthong.gateway.support.SecureXml;

/** The HTTP face of the demo simulators, under {@code /sim} (CONTRACT §6). */
@RestController
@RequestMapping("/sim")
@Profile("demo")
public class SimulatorController {

    private static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String IZB_NS = "urn:izb:investment:dossier:1";

    private final Simulators simulators;
    private final DepartmentReporter reporter;
    private final ObjectMapper mapper;

    public SimulatorController(Simulators simulators, DepartmentReporter reporter, ObjectMapper mapper) {
        this.simulators = simulators;
        this.reporter = reporter;
        this.mapper = mapper;
    }

    // --- one-stop software ---------------------------------------------------------------------

    @PostMapping("/one-stop/callbacks")
    public ResponseEntity<Map<String, Object>> callback(@RequestBody byte[] body,
                                                        @RequestHeader(value = "Idempotency-Key", required = false)
                                                        String key) throws Exception {
        SimulatedSystem oneStop = simulators.get(Simulators.ONE_STOP);
        JsonNode json = mapper.readTree(body);
        ResponseEntity<Map<String, Object>> refusal = behave(oneStop, json.path("dossierCode").asText(null));
        if (refusal != null) {
            return refusal;
        }
        oneStop.record(key, json.path("dossierCode").asText(null), json);
        return ResponseEntity.ok(Map.of("received", true));
    }

    @GetMapping("/one-stop/callbacks")
    public List<Object> callbacks(@RequestParam(required = false) String dossierCode) {
        return simulators.get(Simulators.ONE_STOP).received(dossierCode).stream()
                .filter(r -> !r.duplicate()).map(SimulatedSystem.Received::body).toList();
    }

    @PostMapping("/one-stop/mode")
    public ResponseEntity<Map<String, Object>> oneStopMode(@RequestBody Map<String, String> body) {
        return mode(Simulators.ONE_STOP, body);
    }

    // --- national public service portal ------------------------------------------------------

    /** The portal's dossier sync: DongBoHoSoMC and CapNhatTienDoHoSoMC calls, kept in arrival order. */
    @PostMapping("/portal/dossiers")
    public ResponseEntity<Map<String, Object>> portal(@RequestBody byte[] body,
                                                      @RequestHeader(value = "Idempotency-Key", required = false)
                                                      String key) throws Exception {
        SimulatedSystem portal = simulators.get(Simulators.PORTAL);
        JsonNode call = mapper.readTree(body);
        String code = call.path("data").path(0).path("MaHoSo").asText(null);
        ResponseEntity<Map<String, Object>> refusal = behave(portal, code);
        if (refusal != null) {
            return refusal;
        }
        portal.record(key, code, call);
        return ResponseEntity.ok(Map.of("error_code", 0, "message", "Thành công"));
    }

    @GetMapping("/portal/received")
    public List<Object> portalReceived(@RequestParam(required = false) String dossierCode) {
        return simulators.get(Simulators.PORTAL).received(dossierCode).stream()
                .filter(r -> !r.duplicate()).map(SimulatedSystem.Received::body).toList();
    }

    // --- departments ---------------------------------------------------------------------------

    @GetMapping("/departments/{id}/received")
    public ResponseEntity<Map<String, Object>> received(@PathVariable String id,
                                                        @RequestParam(required = false) String dossierCode) {
        return simulators.find(id).filter(s -> !Simulators.ONE_STOP.equals(id))
                .map(s -> ResponseEntity.ok(s.summary(dossierCode)))
                .orElse(ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no simulator " + id)));
    }

    @PostMapping("/departments/{id}/mode")
    public ResponseEntity<Map<String, Object>> departmentMode(@PathVariable String id,
                                                              @RequestBody Map<String, String> body) {
        return mode(id, body);
    }

    /** dpi-business: a REST JSON department. */
    @PostMapping("/departments/dpi-business/dossiers")
    public ResponseEntity<Map<String, Object>> dpiBusiness(@RequestBody byte[] body,
                                                           @RequestHeader(value = "Idempotency-Key", required = false)
                                                           String key,
                                                           @RequestHeader(value = "X-Correlation-Id", required = false)
                                                           String correlationId) throws Exception {
        SimulatedSystem dpi = simulators.get(Simulators.DPI);
        JsonNode dossier = mapper.readTree(body);
        String code = dossier.path("dossierCode").asText(correlationId);
        ResponseEntity<Map<String, Object>> refusal = behave(dpi, code);
        if (refusal != null) {
            return refusal;
        }
        if (dpi.record(key, code, dossier)) {
            reporter.reportLater(Simulators.DPI, code, List.of("IN_PROGRESS", "COMPLETED"));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("receipt", "DKKD-" + code));
    }

    /** izb-investment: a legacy SOAP department (document/literal, TiepNhanHoSo). */
    @PostMapping(value = "/departments/izb-investment/soap", produces = "text/xml;charset=UTF-8")
    public ResponseEntity<byte[]> izbInvestment(@RequestBody byte[] body) throws Exception {
        SimulatedSystem izb = simulators.get(Simulators.IZB);
        izb.attempt();
        Document request = SecureXml.parse(body);
        Element payload = firstChildElement(request.getElementsByTagNameNS(SOAP_NS, "Body"));
        String code = text(payload, "MaHoSo");
        SimulatorMode mode = izb.mode(code);
        if (mode == SimulatorMode.DOWN) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new byte[0]);
        }
        if (mode == SimulatorMode.SLOW) {
            TimeUnit.SECONDS.sleep(5);
        }
        if (mode == SimulatorMode.REJECT) {
            return soap(HttpStatus.INTERNAL_SERVER_ERROR, fault("soap:Client",
                    "Hồ sơ không hợp lệ: thiếu văn bản đề nghị (business rule IZB-017)"));
        }
        if (izb.record(text(payload, "MaGiaoDich"), code, text(payload, "MaTTHC"))) {
            reporter.reportLater(Simulators.IZB, code, List.of("IN_PROGRESS", "COMPLETED"));
        }
        Document answer = SecureXml.newDocument();
        Element envelope = answer.createElementNS(SOAP_NS, "soap:Envelope");
        answer.appendChild(envelope);
        Element soapBody = answer.createElementNS(SOAP_NS, "soap:Body");
        envelope.appendChild(soapBody);
        Element response = answer.createElementNS(IZB_NS, "TiepNhanHoSoResponse");
        soapBody.appendChild(response);
        Element result = answer.createElementNS(IZB_NS, "KetQua");
        result.setTextContent("DA_TIEP_NHAN");
        response.appendChild(result);
        Element receipt = answer.createElementNS(IZB_NS, "SoBienNhan");
        receipt.setTextContent("BQL-" + code);
        response.appendChild(receipt);
        return soap(HttpStatus.OK, answer);
    }

    // --- helpers -------------------------------------------------------------------------------

    private ResponseEntity<Map<String, Object>> mode(String id, Map<String, String> body) {
        SimulatorMode mode = SimulatorMode.parse(body.get("mode"));
        if (mode == null) {
            return ResponseEntity.badRequest().body(Map.of("error", "mode must be up, down, slow or reject"));
        }
        String dossierCode = body.get("dossierCode");
        return simulators.find(id).map(s -> {
            if (dossierCode != null) {
                s.mode(dossierCode, mode);
            } else {
                s.mode(mode);
            }
            return ResponseEntity.ok(Map.<String, Object>of("system", id, "mode", mode.name().toLowerCase()));
        }).orElse(ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no simulator " + id)));
    }

    /** Health as a monitoring probe sees it: 503 while the system is down. */
    @GetMapping({"/departments/{id}/dossiers", "/departments/{id}/soap", "/portal/dossiers"})
    public ResponseEntity<Map<String, Object>> probe(@PathVariable(required = false) String id) {
        SimulatedSystem system = simulators.get(id == null ? Simulators.PORTAL : id);
        if (system == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no simulator " + id));
        }
        return system.mode() == SimulatorMode.DOWN
                ? ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("up", false))
                : ResponseEntity.ok(Map.of("up", true));
    }

    /** Applies down/slow/reject for a JSON system and dossier; null means go on normally. */
    private static ResponseEntity<Map<String, Object>> behave(SimulatedSystem system, String dossierCode)
            throws InterruptedException {
        system.attempt();
        switch (system.mode(dossierCode)) {
            case DOWN:
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .body(Map.of("error", system.id() + " is down for maintenance"));
            case SLOW:
                TimeUnit.SECONDS.sleep(5);
                return null;
            case REJECT:
                return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("error", "BUSINESS_RULE", "message",
                                "Hồ sơ bị từ chối: mã số doanh nghiệp không tồn tại"));
            default:
                return null;
        }
    }

    private static Document fault(String code, String reason) {
        Document doc = SecureXml.newDocument();
        Element envelope = doc.createElementNS(SOAP_NS, "soap:Envelope");
        doc.appendChild(envelope);
        Element body = doc.createElementNS(SOAP_NS, "soap:Body");
        envelope.appendChild(body);
        Element fault = doc.createElementNS(SOAP_NS, "soap:Fault");
        body.appendChild(fault);
        Element faultCode = doc.createElement("faultcode");
        faultCode.setTextContent(code);
        fault.appendChild(faultCode);
        Element faultString = doc.createElement("faultstring");
        faultString.setTextContent(reason);
        fault.appendChild(faultString);
        return doc;
    }

    private static ResponseEntity<byte[]> soap(HttpStatus status, Document doc) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SecureXml.transformerFactory().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType("text/xml;charset=UTF-8"))
                .body(out.toByteArray());
    }

    private static Element firstChildElement(NodeList bodies) {
        if (bodies.getLength() == 0) {
            throw new IllegalArgumentException("no SOAP Body");
        }
        for (var n = bodies.item(0).getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new IllegalArgumentException("empty SOAP Body");
    }

    private static String text(Element parent, String name) {
        NodeList list = parent.getElementsByTagNameNS(IZB_NS, name);
        return list.getLength() == 0 ? null : list.item(0).getTextContent();
    }
}
