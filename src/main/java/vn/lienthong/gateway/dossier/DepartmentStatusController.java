package vn.lienthong.gateway.dossier;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import vn.lienthong.gateway.contract.JsonContracts;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.security.SystemPrincipal;
import vn.lienthong.gateway.web.BoundedBody;

/** {@code POST /api/v1/dossiers/{dossierCode}/status}: progress or a result from a department. */
@RestController
public class DepartmentStatusController {

    private final JsonContracts contracts;
    private final StatusIntake intake;
    private final DataSize maxBodySize;

    public DepartmentStatusController(JsonContracts contracts, StatusIntake intake,
                                      @Value("${gateway.intake.max-body-size:20MB}") DataSize maxBodySize) {
        this.contracts = contracts;
        this.intake = intake;
        this.maxBodySize = maxBodySize;
    }

    @PostMapping("/api/v1/dossiers/{dossierCode}/status")
    public ResponseEntity<Map<String, Object>> report(@PathVariable String dossierCode, HttpServletRequest request,
                                                      @AuthenticationPrincipal SystemPrincipal caller) {
        JsonNode update = contracts.parse(BoundedBody.readJson(request, maxBodySize));
        if (update.hasNonNull("dossierCode") && !dossierCode.equals(update.get("dossierCode").asText())) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, "The body is about dossier "
                    + update.get("dossierCode").asText() + " but the path names " + dossierCode,
                    List.of(new FieldError("/dossierCode", "must equal the dossier code in the path")));
        }
        String messageId = intake.accept(caller.system(), update);
        return ResponseEntity.accepted().body(Map.of("messageId", messageId, "dossierCode", dossierCode,
                "state", "ACCEPTED"));
    }
}
