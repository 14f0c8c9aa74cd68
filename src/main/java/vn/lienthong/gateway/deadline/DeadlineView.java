package vn.lienthong.gateway.deadline;

import java.util.Map;

/**
 * The deadline fields of a dossier view: {@code dueAt}, {@code dueAtSource}, {@code gatewayDueAt}, {@code onTime},
 * {@code timeliness}, {@code dueSoon}, {@code clockPausedSince}, {@code finishedAt}, {@code supplementClock},
 * {@code oneStopDueAt}, {@code appointments}, {@code clockPauses} for the dossier, and per step {@code startedAt},
 * {@code dueAt}, {@code onTime}, {@code timeliness}, {@code dueSoon}, {@code clockPausedSince}, {@code finishedAt},
 * {@code clockPauses} (docs/deadlines.md).
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
