package vn.lienthong.gateway.dossier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import vn.lienthong.gateway.error.FieldError;

/**
 * The rules of a dossier's route (tuyến liên thông) that every status and revision is held to: which
 * step ended it, what state the dossier is in, whether a department's status may still apply, and which
 * steps a supplement (bổ sung hồ sơ) goes to.
 */
final class RouteRules {

    private RouteRules() {
    }

    /** The step whose status (NOT_ACCEPTED, WITHDRAWN or STOPPED) ended the dossier's route, if any. */
    static Optional<DossierStore.StepRow> routeEndedBy(List<DossierStore.StepRow> steps) {
        return steps.stream().filter(step -> DossierStatus.ENDS_ROUTE.stream()
                .anyMatch(ending -> ending.name().equals(step.state()))).findFirst();
    }

    /** The dossier's overall state, derived from its steps. */
    static String dossierState(List<DossierStore.StepRow> steps) {
        Optional<DossierStore.StepRow> ended = routeEndedBy(steps);
        if (ended.isPresent()) {
            return ended.get().state();
        }
        boolean allDone = steps.stream().allMatch(s -> finished(s.state()));
        if (allDone) {
            return DossierStatus.COMPLETED.name();
        }
        if (steps.stream().anyMatch(s -> DossierStatus.SUPPLEMENT_REQUESTED.name().equals(s.state()))) {
            return DossierStatus.SUPPLEMENT_REQUESTED.name();
        }
        return DossierStatus.IN_PROGRESS.name();
    }

    /**
     * Why {@code status} from {@code system} may not change the dossier any more, or null when it may: once a
     * step has ended the route, nothing changes it again; a finished step may only move to another finished
     * status (COMPLETED, then RESULT_RETURNED), never back into processing.
     */
    static String refusal(List<DossierStore.StepRow> steps, String system, DossierStatus status) {
        Optional<DossierStore.StepRow> ended = routeEndedBy(steps);
        if (ended.isPresent()) {
            return "the dossier's route ended when " + ended.get().system() + " reported " + ended.get().state();
        }
        Optional<DossierStore.StepRow> step = steps.stream().filter(s -> s.system().equals(system)).findFirst();
        if (step.isPresent() && finished(step.get().state()) && !status.isFinished()) {
            return system + " already reported " + step.get().state() + " for this dossier; a finished step does"
                    + " not go back to " + status;
        }
        return null;
    }

    static boolean finished(String state) {
        return DossierStatus.COMPLETED.name().equals(state) || DossierStatus.RESULT_RETURNED.name().equals(state);
    }

    /** The systems a revision's {@code supplementFor} names, in order; null when the revision has none. */
    static List<String> supplementFor(JsonNode dossier) {
        JsonNode named = dossier.get("supplementFor");
        if (named == null || !named.isArray()) {
            return null;
        }
        List<String> systems = new ArrayList<>();
        named.forEach(system -> systems.add(system.asText()));
        return systems;
    }

    /**
     * The steps a revision's supplement goes to, whose clocks it resumes: the steps waiting for a supplement that
     * {@code supplementFor} names, or, without {@code supplementFor} (null), every step waiting for one.
     */
    static List<DossierStore.StepRow> answeredBy(List<DossierStore.StepRow> steps, List<String> supplementFor) {
        return steps.stream().filter(step -> DossierStatus.SUPPLEMENT_REQUESTED.name().equals(step.state()))
                .filter(step -> supplementFor == null || supplementFor.contains(step.system())).toList();
    }

    /**
     * Why entries of {@code supplementFor} answer nothing, one error per entry at {@code /supplementFor/<i>}: a
     * system that is not a step of the dossier, or a step that is not waiting for a supplement. Empty when every
     * entry names a waiting step (or there is no {@code supplementFor}).
     */
    static List<FieldError> supplementRefusals(String dossierCode, List<DossierStore.StepRow> steps,
                                               List<String> supplementFor) {
        List<FieldError> errors = new ArrayList<>();
        if (supplementFor == null) {
            return errors;
        }
        for (int i = 0; i < supplementFor.size(); i++) {
            String system = supplementFor.get(i);
            Optional<DossierStore.StepRow> step = steps.stream().filter(s -> s.system().equals(system)).findFirst();
            String why = null;
            if (step.isEmpty()) {
                why = "'" + system + "' is not a step of dossier " + dossierCode + (steps.isEmpty()
                        ? " (the gateway has routed no revision of it yet)"
                        : " (its steps: " + steps.stream().map(DossierStore.StepRow::system).toList() + ")");
            } else if (!DossierStatus.SUPPLEMENT_REQUESTED.name().equals(step.get().state())) {
                why = "'" + system + "' is not waiting for a supplement (its step is " + step.get().state() + ")";
            }
            if (why != null) {
                errors.add(new FieldError("/supplementFor/" + i, why));
            }
        }
        return errors;
    }
}
