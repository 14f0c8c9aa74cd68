package vn.lienthong.gateway.catalog;

import java.nio.file.Path;
import java.util.List;

/**
 * The route of an administrative procedure (thủ tục hành chính) across departments.
 *
 * @param code            procedure code (mã TTHC), e.g. {@code 1.009645}
 * @param name            procedure name
 * @param processingTime  legal processing time: {@code processingDays} (decimals allowed) or {@code processingHours}
 * @param supplementClock whether a supplement request pauses the clock or restarts it when the supplement arrives
 * @param steps           the departments the dossier visits
 * @param source          the file this route came from
 */
public record Procedure(String code, String name, WorkDuration processingTime, SupplementClock supplementClock,
                        List<Step> steps, Path source) {

    /**
     * One department's part of a procedure.
     *
     * @param system the department system id
     * @param after  the step that must report COMPLETED first, or {@code null} to start at once
     * @param time   the step's own processing time ({@code days} or {@code hours}), or {@code null} to share the
     *               procedure's time
     */
    public record Step(String system, String after, WorkDuration time) {
    }

    /** Steps that start as soon as the dossier arrives. */
    public List<Step> initialSteps() {
        return steps.stream().filter(s -> s.after() == null).toList();
    }

    /** Steps that start when {@code system} reports COMPLETED. */
    public List<Step> stepsAfter(String system) {
        return steps.stream().filter(s -> system.equals(s.after())).toList();
    }

    /** The step of {@code system}, or {@code null} when the procedure has none. */
    public Step step(String system) {
        return steps.stream().filter(s -> s.system().equals(system)).findFirst().orElse(null);
    }
}
