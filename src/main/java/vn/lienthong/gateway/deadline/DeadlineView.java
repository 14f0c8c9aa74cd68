package vn.lienthong.gateway.deadline;

import java.util.Map;

/**
 * The deadline fields of a dossier view: {@code dueAt}, {@code onTime}, {@code dueSoon},
 * {@code clockPausedSince}, {@code oneStopDueAt}, {@code finishedAt} for the dossier, and per step
 * {@code startedAt}, {@code dueAt}, {@code onTime}, {@code dueSoon}, {@code clockPausedSince}, {@code clockPauses}.
 *
 * @param dossier  the dossier's fields
 * @param bySystem each step's fields, by step system id
 */
public record DeadlineView(Map<String, Object> dossier, Map<String, Map<String, Object>> bySystem) {

    /** The fields of one step; empty for an unknown step. */
    public Map<String, Object> step(String system) {
        return bySystem.getOrDefault(system, Map.of());
    }
}
