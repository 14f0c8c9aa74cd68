package vn.lienthong.gateway.dossier;

import java.util.List;
import java.util.Optional;

/**
 * The rules of a dossier's route (tuyến liên thông) that every status and revision is held to: which
 * step ended it, what state the dossier is in, and whether a department's status may still apply.
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
}
