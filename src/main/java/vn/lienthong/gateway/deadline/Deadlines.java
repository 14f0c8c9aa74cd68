package vn.lienthong.gateway.deadline;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.Procedure;
import vn.lienthong.gateway.dossier.DossierStatus;

/**
 * Due dates and on-time flags of dossiers and their steps (thời hạn giải quyết).
 * <ul>
 * <li>The dossier's clock starts at its {@code receivedAt} with the procedure's {@code processingDays}; it
 * stands still while any step waits for a supplement. It is the gateway's own due date, the one
 * {@code onTime}, the overdue metric and the on-time report use: computed by one rule for every agency,
 * with the configured holidays and the supplement pauses. The one-stop software's appointment date
 * (ngày hẹn trả) is kept and shown as given, as {@code oneStopDueAt}.</li>
 * <li>A step's clock starts when the step is first routed, with the step's {@code days}; it stands still
 * from the department's SUPPLEMENT_REQUESTED until the next revision reaches the step (or the department
 * reports another status). A step without {@code days} shares the dossier's due date.</li>
 * <li>Due dates follow {@link WorkingCalendar} and {@link DeadlineClock}. A finished step or dossier is on
 * time when it finished at or before its due date; an open one while its due date has not passed, or while
 * its clock is stopped before the due date; an open one is {@code dueSoon} within one working day of it.</li>
 * </ul>
 */
@Component
public class Deadlines {

    private static final Set<String> FINISHED = Set.of(DossierStatus.COMPLETED.name(),
            DossierStatus.RESULT_RETURNED.name());
    private static final Set<String> ENDED = DossierStatus.ENDS_ROUTE.stream().map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());
    /** Dossier states after which nothing more happens: completed, or ended early. */
    static final List<String> CLOSED = Stream.concat(Stream.of(DossierStatus.COMPLETED.name()),
            ENDED.stream().sorted()).toList();

    private final Catalog catalog;
    private final DeadlineStore store;
    private final WorkingCalendar calendar;

    public Deadlines(Catalog catalog, DeadlineStore store, WorkingCalendar calendar) {
        this.catalog = catalog;
        this.store = store;
        this.calendar = calendar;
    }

    /** A step was routed: its clock starts, or, for a supplement sent on to it, starts again. */
    public void stepStarted(String dossierCode, String system) {
        Instant now = Instant.now();
        store.stepStarted(dossierCode, system, now);
        store.resume(dossierCode, system, now);
        refresh(dossierCode, now);
    }

    /** A department's status was applied to its step and the dossier state recomputed. */
    public void statusApplied(String dossierCode, String system, DossierStatus status, OffsetDateTime at) {
        if (status == DossierStatus.SUPPLEMENT_REQUESTED) {
            store.pause(dossierCode, system, at.toInstant());
        } else {
            store.resume(dossierCode, system, at.toInstant());
        }
        refresh(dossierCode, Instant.now());
    }

    /** Stores the dossier's due date and, once it has completed, when and whether on time. */
    void refresh(String dossierCode, Instant now) {
        store.dossier(dossierCode).ifPresent(d -> {
            Optional<Procedure> procedure = catalog.procedure(d.procedureCode());
            if (procedure.isEmpty()) {
                return;
            }
            List<Pause> pauses = store.pauses(dossierCode).stream().map(DeadlineStore.StepPause::pause).toList();
            Instant finishedAt = d.finishedAt() != null ? d.finishedAt() : finishedAt(d, store.steps(dossierCode));
            DeadlineClock.Reading reading = DeadlineClock.read(calendar, d.receivedAt(),
                    days(procedure.get().processingDays()), pauses, finishedAt != null ? finishedAt : now);
            Boolean onTime = finishedAt == null ? null : isOnTime(reading, finishedAt);
            store.saveDossier(dossierCode, reading.isFrozen() ? null : reading.dueAt(), finishedAt, onTime);
        });
    }

    /** The deadline part of the dossier view, at {@code now}. */
    public DeadlineView view(String dossierCode) {
        return view(dossierCode, Instant.now());
    }

    DeadlineView view(String dossierCode, Instant now) {
        Optional<DeadlineStore.DossierFacts> found = store.dossier(dossierCode);
        if (found.isEmpty()) {
            return new DeadlineView(Map.of(), Map.of());
        }
        DeadlineStore.DossierFacts d = found.get();
        Procedure procedure = catalog.procedure(d.procedureCode()).orElse(null);
        List<DeadlineStore.StepFacts> steps = store.steps(dossierCode);
        List<DeadlineStore.StepPause> pauses = store.pauses(dossierCode);
        List<Pause> all = pauses.stream().map(DeadlineStore.StepPause::pause).toList();

        Map<String, Object> dossier = new LinkedHashMap<>();
        Instant finishedAt = d.finishedAt() != null ? d.finishedAt() : finishedAt(d, steps);
        if (procedure != null) {
            Duration budget = days(procedure.processingDays());
            flags(dossier, d.receivedAt(), budget, all, finishedAt, ENDED.contains(d.state()), now);
        }
        dossier.put("oneStopDueAt", local(d.oneStopDueAt()));
        dossier.put("finishedAt", local(finishedAt));

        Map<String, Map<String, Object>> bySystem = new LinkedHashMap<>();
        for (DeadlineStore.StepFacts s : steps) {
            Map<String, Object> step = new LinkedHashMap<>();
            List<Pause> own = pauses.stream().filter(p -> p.system().equals(s.system()))
                    .map(DeadlineStore.StepPause::pause).toList();
            step.put("startedAt", local(s.startedAt()));
            Procedure.Step configured = procedure == null ? null : procedure.steps().stream()
                    .filter(c -> c.system().equals(s.system())).findFirst().orElse(null);
            if (s.startedAt() != null && configured != null) {
                Instant done = FINISHED.contains(s.state()) ? s.completedAt() : null;
                boolean ended = ENDED.contains(s.state());
                if (configured.days() != null) {
                    flags(step, s.startedAt(), days(configured.days()), own, done, ended, now);
                } else {
                    // No days of its own: the step has the dossier's time, so the dossier's clock decides.
                    flags(step, d.receivedAt(), days(procedure.processingDays()), all, done, ended, now);
                }
            }
            step.put("clockPauses", own.stream().map(p -> {
                Map<String, Object> pause = new LinkedHashMap<>();
                pause.put("from", local(p.from()));
                pause.put("to", local(p.to()));
                return pause;
            }).toList());
            bySystem.put(s.system(), step);
        }
        return new DeadlineView(dossier, bySystem);
    }

    /** Puts dueAt, onTime, dueSoon and clockPausedSince of one clock into a view. */
    private void flags(Map<String, Object> view, Instant start, Duration budget, List<Pause> pauses,
                       Instant finishedAt, boolean ended, Instant now) {
        Instant at = finishedAt != null ? finishedAt : now;
        DeadlineClock.Reading reading = DeadlineClock.read(calendar, start, budget, pauses, at);
        view.put("dueAt", local(reading.dueAt()));
        if (ended) {
            return; // withdrawn, stopped or not accepted: neither on time nor late
        }
        boolean onTime = isOnTime(reading, at);
        view.put("onTime", onTime);
        if (finishedAt == null) {
            view.put("dueSoon", onTime && !reading.isFrozen()
                    && calendar.workingTime(now, reading.dueAt()).compareTo(WorkingCalendar.DAY) <= 0);
            view.put("clockPausedSince", local(reading.pausedSince()));
        }
    }

    private static boolean isOnTime(DeadlineClock.Reading reading, Instant at) {
        return reading.isFrozen() || !at.isAfter(reading.dueAt());
    }

    /** A completed dossier finished when its last step did. */
    private static Instant finishedAt(DeadlineStore.DossierFacts d, List<DeadlineStore.StepFacts> steps) {
        if (!DossierStatus.COMPLETED.name().equals(d.state())) {
            return null;
        }
        return steps.stream().map(DeadlineStore.StepFacts::completedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
    }

    private static Duration days(int workingDays) {
        return WorkingCalendar.DAY.multipliedBy(workingDays);
    }

    private OffsetDateTime local(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, calendar.zone());
    }
}
