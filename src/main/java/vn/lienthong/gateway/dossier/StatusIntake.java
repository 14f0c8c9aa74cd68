package vn.lienthong.gateway.dossier;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.contract.JsonContract;
import vn.lienthong.gateway.contract.JsonContracts;
import vn.lienthong.gateway.delivery.DeliveryHeaders;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.tracking.MessageIds;

/**
 * Accepts a department's status report from any channel (REST, SOAP, result file): checks it against
 * the contract and that the dossier was routed to that department, then stores it durably.
 */
@Component("statusIntake")
public class StatusIntake {

    public static final String FLOW = "status";

    private final JsonContracts contracts;
    private final DossierStore store;
    private final ProducerTemplate producer;

    public StatusIntake(JsonContracts contracts, DossierStore store, ProducerTemplate producer) {
        this.contracts = contracts;
        this.store = store;
        this.producer = producer;
    }

    /** Validates, authorises and stores a status update; returns its message id. */
    public String accept(ConnectedSystem caller, JsonNode update) {
        check(caller, update);
        String code = update.get("dossierCode").asText();
        // Derived from what the status says, so the same report sent twice is one message everywhere.
        String messageId = MessageIds.departmentStatus(code, caller.id(), update.get("status").asText(),
                OffsetDateTime.parse(update.get("at").asText()));
        Map<String, Object> headers = new HashMap<>();
        headers.put(DeliveryHeaders.MESSAGE_ID, messageId);
        headers.put(DeliveryHeaders.FLOW, FLOW);
        headers.put(DeliveryHeaders.SYSTEM, caller.id());
        headers.put(DeliveryHeaders.CORRELATION_ID, code);
        headers.put(DeliveryHeaders.GROUP, code);
        headers.put("GatewayStatus", update.get("status").asText());
        try {
            producer.sendBodyAndHeaders("direct:department-in-status", update.toString(), headers);
        } catch (CamelExecutionException e) {
            throw new GatewayException(ErrorCode.BROKER_UNAVAILABLE, "The status could not be stored durably ("
                    + e.getCause().getMessage() + "); it was not accepted, send it again later", e);
        }
        return messageId;
    }

    /** Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND or STATUS_NOT_APPLICABLE when the update may not be applied. */
    public void check(ConnectedSystem caller, JsonNode update) {
        List<FieldError> errors = contracts.validate(update, JsonContract.STATUS_UPDATE);
        if (!errors.isEmpty()) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, "The status update has " + errors.size()
                    + " invalid field(s): " + errors.get(0).pointer() + " " + errors.get(0).message(), errors);
        }
        String system = update.get("system").asText();
        if (!caller.id().equals(system)) {
            throw new GatewayException(ErrorCode.FORBIDDEN, "System " + caller.id() + " may not report for system "
                    + system, List.of(new FieldError("/system", "must be the caller's own system id, " + caller.id())));
        }
        String code = update.get("dossierCode").asText();
        if (store.findDossier(code).isEmpty()) {
            throw new GatewayException(ErrorCode.NOT_FOUND, "Dossier " + code + " is not known to the gateway",
                    List.of(new FieldError("/dossierCode", "unknown dossier")));
        }
        List<DossierStore.StepRow> steps = store.steps(code);
        boolean routedHere = steps.stream().anyMatch(s -> s.system().equals(system)
                && !StepState.PENDING.equals(s.state()));
        if (!routedHere) {
            throw new GatewayException(ErrorCode.FORBIDDEN, "Dossier " + code + " was not routed to " + system
                    + "; a department may only report on dossiers routed to it");
        }
        DossierStatus status = DossierStatus.valueOf(update.get("status").asText());
        String refusal = RouteRules.refusal(steps, system, status);
        if (refusal != null) {
            throw new GatewayException(ErrorCode.STATUS_NOT_APPLICABLE, "Status " + status + " for dossier " + code
                    + " is not applied: " + refusal, List.of(new FieldError("/status", refusal)));
        }
    }
}
