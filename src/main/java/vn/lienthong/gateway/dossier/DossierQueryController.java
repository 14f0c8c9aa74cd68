package vn.lienthong.gateway.dossier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import vn.lienthong.gateway.deadline.DeadlineView;
import vn.lienthong.gateway.deadline.Deadlines;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.tracking.TrackingQueries;

/** {@code GET /api/v1/dossiers/{dossierCode}}: where a dossier stands, step by step, with its timeline. */
@RestController
public class DossierQueryController {

    private final DossierStore store;
    private final TrackingQueries tracking;
    private final Deadlines deadlines;

    public DossierQueryController(DossierStore store, TrackingQueries tracking, Deadlines deadlines) {
        this.store = store;
        this.tracking = tracking;
        this.deadlines = deadlines;
    }

    @GetMapping("/api/v1/dossiers/{dossierCode}")
    public Map<String, Object> dossier(@PathVariable String dossierCode) {
        DossierStore.DossierRow d = store.findDossier(dossierCode).orElseThrow(() -> new GatewayException(
                ErrorCode.NOT_FOUND, "Dossier " + dossierCode + " is not known (it may still be on its way from the"
                + " intake queue; try again in a moment)"));
        DeadlineView deadline = deadlines.view(dossierCode);
        List<Map<String, Object>> steps = store.steps(dossierCode).stream().map(s -> {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("system", s.system());
            step.put("agencyCode", s.agencyCode());
            step.put("after", s.after());
            step.put("state", s.state());
            step.put("routedAt", s.routedAt());
            step.put("deliveredAt", s.deliveredAt());
            step.put("completedAt", s.completedAt());
            step.putAll(deadline.step(s.system()));
            return step;
        }).toList();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("dossierCode", d.dossierCode());
        view.put("procedureCode", d.procedureCode());
        view.put("revision", d.revision());
        view.put("state", d.state());
        view.put("receivedAt", d.receivedAt());
        view.putAll(deadline.dossier());
        view.put("steps", steps);
        view.put("events", tracking.timeline(dossierCode));
        return view;
    }
}
