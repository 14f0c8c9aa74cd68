package vn.lienthong.gateway.dossier;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.contract.JsonContract;
import vn.lienthong.gateway.contract.JsonContracts;
import vn.lienthong.gateway.delivery.DeliveryHeaders;
import vn.lienthong.gateway.delivery.Dispatch;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.security.SystemPrincipal;
import vn.lienthong.gateway.web.BoundedBody;

/**
 * {@code POST /api/v1/dossiers}: a dossier from the one-stop software. Answers 202 only once the
 * message is durable in the broker; never writes the database on this path.
 */
@RestController
@RequestMapping("/api/v1/dossiers")
public class DossierIntakeController {

    private final JsonContracts contracts;
    private final Catalog catalog;
    private final IntakeLedger ledger;
    private final DossierStore store;
    private final ProducerTemplate producer;
    private final DataSize maxBodySize;

    public DossierIntakeController(JsonContracts contracts, Catalog catalog, IntakeLedger ledger, DossierStore store,
                                   ProducerTemplate producer,
                                   @Value("${gateway.intake.max-body-size:20MB}") DataSize maxBodySize) {
        this.contracts = contracts;
        this.catalog = catalog;
        this.ledger = ledger;
        this.store = store;
        this.producer = producer;
        this.maxBodySize = maxBodySize;
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> submit(HttpServletRequest request,
                                                      @AuthenticationPrincipal SystemPrincipal caller) {
        byte[] body = BoundedBody.readJson(request, maxBodySize);
        JsonNode dossier = contracts.read(body, JsonContract.DOSSIER);
        String code = dossier.get("dossierCode").asText();
        int revision = dossier.get("revision").asInt();
        String procedureCode = dossier.get("procedureCode").asText();
        if (catalog.procedure(procedureCode).isEmpty()) {
            throw new GatewayException(ErrorCode.UNKNOWN_PROCEDURE, "No route is configured for procedure "
                    + procedureCode + "; add config/procedures/" + procedureCode + ".yml",
                    List.of(new FieldError("/procedureCode", "unknown procedure " + procedureCode)));
        }
        String hash = contracts.contentHash(dossier);
        Optional<IntakeLedger.Accepted> earlier = ledger.find(code, revision);
        IntakeLedger.Accepted mine = new IntakeLedger.Accepted(UUID.randomUUID().toString(), hash);
        if (earlier.isEmpty()) {
            checkSupplementFor(code, dossier);
            earlier = ledger.claim(code, revision, mine);
        }
        if (earlier.isPresent()) {
            return duplicate(code, revision, earlier.get(), hash);
        }
        try {
            producer.sendBodyAndHeaders("direct:one-stop-in-dossier", new String(body, StandardCharsets.UTF_8),
                    headers(mine.messageId(), code, revision, caller, hash));
        } catch (CamelExecutionException e) {
            ledger.forget(code, revision);
            throw new GatewayException(ErrorCode.BROKER_UNAVAILABLE, "The dossier could not be stored durably ("
                    + e.getCause().getMessage() + "); it was not accepted, send it again later", e);
        }
        Map<String, Object> answer = new HashMap<>();
        answer.put("messageId", mine.messageId());
        answer.put("dossierCode", code);
        answer.put("revision", revision);
        answer.put("state", "ACCEPTED");
        return ResponseEntity.accepted().body(answer);
    }

    /**
     * A revision that names the steps its supplement answers ({@code supplementFor}) must name steps of the dossier
     * that are waiting for one; checked again when it is routed (a step may move on in between).
     */
    private void checkSupplementFor(String code, JsonNode dossier) {
        List<FieldError> errors = RouteRules.supplementRefusals(code, store.steps(code),
                RouteRules.supplementFor(dossier));
        if (!errors.isEmpty()) {
            throw new GatewayException(ErrorCode.SUPPLEMENT_NOT_APPLICABLE, "Dossier " + code + ": supplementFor"
                    + " must name steps waiting for a supplement; " + errors.stream().map(e -> e.pointer() + ": "
                    + e.message()).toList(), errors);
        }
    }

    private ResponseEntity<Map<String, Object>> duplicate(String code, int revision, IntakeLedger.Accepted earlier,
                                                          String hash) {
        if (!earlier.contentSha256().equals(hash)) {
            throw new GatewayException(ErrorCode.DUPLICATE_CONFLICT, "Dossier " + code + " revision " + revision
                    + " was already accepted as message " + earlier.messageId() + " with different content;"
                    + " send a new revision to change it", List.of(new FieldError("/revision",
                    "revision " + revision + " already used for different content")));
        }
        Map<String, Object> answer = new HashMap<>();
        answer.put("messageId", earlier.messageId());
        answer.put("dossierCode", code);
        answer.put("revision", revision);
        answer.put("state", "ACCEPTED");
        answer.put("duplicate", true);
        return ResponseEntity.ok(answer);
    }

    private static Map<String, Object> headers(String messageId, String code, int revision, SystemPrincipal caller,
                                               String hash) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(DeliveryHeaders.MESSAGE_ID, messageId);
        headers.put(DeliveryHeaders.FLOW, Dispatch.FLOW_DOSSIER);
        headers.put(DeliveryHeaders.SYSTEM, caller.system().id());
        headers.put(DeliveryHeaders.CORRELATION_ID, code);
        headers.put(DeliveryHeaders.GROUP, code);
        headers.put(IntakeLedger.CONTENT_SHA256, hash);
        headers.put(IntakeLedger.REVISION, Integer.toString(revision));
        return headers;
    }
}
