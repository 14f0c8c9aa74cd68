package vn.lienthong.gateway.dossier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

import vn.lienthong.gateway.deadline.DeadlineView;
import vn.lienthong.gateway.deadline.Deadlines;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.tracking.TrackingQueries;

/**
 * Where a dossier stands, step by step, with its due dates and timeline: the one view the API
 * ({@code GET /api/v1/dossiers/{dossierCode}}) and the operator console both show.
 */
@Service
public class DossierViews {

    private final DossierStore store;
    private final TrackingQueries tracking;
    private final Deadlines deadlines;

    public DossierViews(DossierStore store, TrackingQueries tracking, Deadlines deadlines) {
        this.store = store;
        this.tracking = tracking;
        this.deadlines = deadlines;
    }

    /** The dossier view; NOT_FOUND while the gateway does not know the dossier (yet). */
    public Map<String, Object> view(String dossierCode) {
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

    /** The latest revision's payload as the one-stop software sent it (personal data included). */
    public Optional<String> latestPayload(String dossierCode) {
        return store.latestRevision(dossierCode).map(DossierStore.Revision::payload);
    }
}
