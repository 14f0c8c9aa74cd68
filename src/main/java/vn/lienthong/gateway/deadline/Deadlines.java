package vn.lienthong.gateway.deadline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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
import vn.lienthong.gateway.catalog.WorkDuration;
import vn.lienthong.gateway.dossier.DossierStatus;

/**
 * Due dates and on-time flags of dossiers and their steps (thời hạn giải quyết), as the one-stop software and the
 * national on-time index count them.
 * <ul>
 * <li>The dossier's legal due date is the one-stop software's appointment (ngày hẹn trả, {@code dueAt} of the
 * dossier), the latest one any revision carried. {@code onTime}, the overdue metric, the on-time report and the
 * portal sync use it. While a supplement is awaited (a pause that began before it) the dossier is on time and not
 * overdue: the one-stop software moves the appointment when the supplement comes.</li>
 * <li>The gateway's own computation runs beside it: the procedure's processing time in office hours of the
 * receiving agency from {@code receivedAt}, standing still while any step waits for a supplement (or starting
 * again, {@code supplementClock: restart}). It is shown as {@code gatewayDueAt}, and is the due date of a dossier
 * without an appointment.</li>
 * <li>A step's clock starts when the step is first routed, with the step's {@code days} or {@code hours} in its
 * agency's office hours; it stops from the department's SUPPLEMENT_REQUESTED until the next revision reaches the
 * step (or the department reports another status). A step without a time of its own has the gateway's dossier
 * clock.</li>
 * <li>A finished dossier or step is EARLY, ON_TIME or LATE ({@link Timeliness}); it finished at its COMPLETED,
 * else its RESULT_RETURNED, else when it was STOPPED. NOT_ACCEPTED and WITHDRAWN ones are not classified.</li>
 * </ul>
 */
@Component
public class Deadlines {

    private static final Set<String> FINISHED = Set.of(DossierStatus.COMPLETED.name(),
            DossierStatus.RESULT_RETURNED.name());
    private static final Set<String> ENDED = DossierStatus.ENDS_ROUTE.stream().map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());
    /** Ended without a result: neither on time nor late, as in the index. */
    private static final Set<String> NOT_CLASSIFIED = Set.of(DossierStatus.NOT_ACCEPTED.name(),
            DossierStatus.WITHDRAWN.name());
    /** Dossier states after which nothing more happens: completed, or ended early. */
    static final List<String> CLOSED = Stream.concat(Stream.of(DossierStatus.COMPLETED.name()),
            ENDED.stream().sorted()).toList();

    private final Catalog catalog;
    private final DeadlineStore store;
    private final WorkingCalendars calendars;

    public Deadlines(Catalog catalog, DeadlineStore store, WorkingCalendars calendars) {
        this.catalog = catalog;
        this.store = store;
        this.calendars = calendars;
    }

    /**
     * A revision of an open dossier arrived: the appointment it carries, when it differs from the current one,
     * becomes the dossier's due date and joins its history. True when this revision moved the appointment (also
     * when it did so before: a redelivered revision).
     */
    public boolean appointmentReceived(String dossierCode, int revision, OffsetDateTime appointment) {
        if (appointment == null) {
            return false;
        }
        Instant now = Instant.now();
        boolean moved = store.recordAppointment(dossierCode, revision, appointment.toInstant(), now);
        if (moved) {
            refresh(dossierCode, now);
        }
        return moved;
    }

    /** The dossier's legal due date now (the appointment, else the gateway's), or null when it has none. */
    public OffsetDateTime dueAt(String dossierCode) {
        return reading(dossierCode, Instant.now()).map(r -> local(r.dueAt())).orElse(null);
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
        if (status.isFinished() || status == DossierStatus.STOPPED) {
            store.stepFinished(dossierCode, system, status, at.toInstant());
        }
        refresh(dossierCode, Instant.now());
    }

    /** Stores the dossier's due date and, once it has finished, when and how against its due date. */
    void refresh(String dossierCode, Instant now) {
        reading(dossierCode, now).ifPresent(r -> store.saveDossier(dossierCode,
                r.pausedSince() != null ? null : r.dueAt(), r.finishedAt(), r.timeliness()));
    }

    /**
     * Where a dossier's clocks stand.
     *
     * @param gateway     the gateway's own clock, or null when the procedure is no longer configured
     * @param dueAt       the legal due date: the appointment, else the gateway's
     * @param pausedSince since when a supplement request stops the clock before the due date, else null
     * @param finishedAt  when it finished (COMPLETED or STOPPED dossiers), else null
     * @param timeliness  early, on time or late once finished and classified, else null
     */
    private record DossierReading(DeadlineStore.DossierFacts facts, Procedure procedure, WorkingCalendar calendar,
                                  List<Pause> pauses, DeadlineClock.Reading gateway, Instant dueAt,
                                  Instant pausedSince, Instant finishedAt, Timeliness timeliness) {
    }

    private Optional<DossierReading> reading(String dossierCode, Instant now) {
        Optional<DeadlineStore.DossierFacts> found = store.dossier(dossierCode);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DeadlineStore.DossierFacts d = found.get();
        List<Pause> pauses = store.pauses(dossierCode).stream().map(DeadlineStore.StepPause::pause).toList();
        return reading(d, store.steps(dossierCode), pauses, now);
    }

    private Optional<DossierReading> reading(DeadlineStore.DossierFacts d, List<DeadlineStore.StepFacts> steps,
                                             List<Pause> pauses, Instant now) {
        Procedure procedure = catalog.procedure(d.procedureCode()).orElse(null);
        if (procedure == null && d.appointment() == null) {
            return Optional.empty();
        }
        WorkingCalendar calendar = calendars.of(d.receivingAgency());
        Instant finishedAt = d.finishedAt() != null ? d.finishedAt() : finishedAt(d, steps);
        Instant at = finishedAt != null ? finishedAt : now;
        DeadlineClock.Reading gateway = procedure == null ? null : DeadlineClock.read(calendar, d.receivedAt(),
                procedure.processingTime().workingTime(calendar.dayLength()), pauses, procedure.supplementClock(), at);
        Instant dueAt;
        Instant pausedSince;
        if (d.appointment() != null) {
            dueAt = d.appointment();
            List<Pause> merged = DeadlineClock.merged(d.receivedAt(), pauses);
            Pause last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            pausedSince = last != null && last.isOpen() && last.from().isBefore(dueAt) ? last.from() : null;
        } else {
            dueAt = gateway.dueAt();
            pausedSince = gateway.pausedSince();
        }
        Timeliness timeliness = finishedAt == null || NOT_CLASSIFIED.contains(d.state()) ? null
                : Timeliness.of(finishedAt, dueAt, calendar.zone());
        return Optional.of(new DossierReading(d, procedure, calendar, pauses, gateway, dueAt,
                finishedAt == null ? pausedSince : null, finishedAt, timeliness));
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
        List<DeadlineStore.StepFacts> steps = store.steps(dossierCode);
        List<DeadlineStore.StepPause> stepPauses = store.pauses(dossierCode);
        List<Pause> all = stepPauses.stream().map(DeadlineStore.StepPause::pause).toList();
        Optional<DossierReading> reading = reading(d, steps, all, now);

        Map<String, Object> dossier = new LinkedHashMap<>();
        reading.ifPresent(r -> {
            dossier.put("dueAt", local(r.dueAt()));
            dossier.put("dueAtSource", d.appointment() != null ? "APPOINTMENT" : "GATEWAY");
            if (r.gateway() != null) {
                dossier.put("gatewayDueAt", local(r.gateway().dueAt()));
            }
            outcome(dossier, r.calendar(), r.dueAt(), r.pausedSince(), r.finishedAt(), r.timeliness(),
                    NOT_CLASSIFIED.contains(d.state()), now);
            if (r.procedure() != null) {
                dossier.put("supplementClock", r.procedure().supplementClock().name());
            }
        });
        dossier.put("oneStopDueAt", local(d.appointment()));
        dossier.put("appointments", store.appointments(dossierCode).stream().map(a -> {
            Map<String, Object> appointment = new LinkedHashMap<>();
            appointment.put("revision", a.revision());
            appointment.put("dueAt", local(a.dueAt()));
            appointment.put("recordedAt", local(a.recordedAt()));
            return appointment;
        }).toList());
        dossier.put("clockPauses", pauses(DeadlineClock.merged(d.receivedAt(), all)));

        Map<String, Map<String, Object>> bySystem = new LinkedHashMap<>();
        for (DeadlineStore.StepFacts s : steps) {
            Map<String, Object> step = new LinkedHashMap<>();
            List<Pause> own = stepPauses.stream().filter(p -> p.system().equals(s.system()))
                    .map(DeadlineStore.StepPause::pause).toList();
            step.put("startedAt", local(s.startedAt()));
            Procedure.Step configured = reading.map(DossierReading::procedure).map(p -> p.step(s.system()))
                    .orElse(null);
            if (s.startedAt() != null && configured != null) {
                stepFlags(step, reading.get(), s, configured.time(), own, now);
            }
            step.put("clockPauses", pauses(own));
            bySystem.put(s.system(), step);
        }
        return new DeadlineView(dossier, bySystem);
    }

    /** Puts dueAt, onTime, timeliness, dueSoon and clockPausedSince of one step into its view. */
    private void stepFlags(Map<String, Object> step, DossierReading dossier, DeadlineStore.StepFacts s,
                           WorkDuration time, List<Pause> own, Instant now) {
        Instant finishedAt = FINISHED.contains(s.state()) || DossierStatus.STOPPED.name().equals(s.state())
                ? s.finishedAt() : null;
        WorkingCalendar calendar;
        DeadlineClock.Reading reading;
        if (time != null) {
            calendar = calendars.of(s.agencyCode());
            reading = DeadlineClock.read(calendar, s.startedAt(), time.workingTime(calendar.dayLength()), own,
                    dossier.procedure().supplementClock(), finishedAt != null ? finishedAt : now);
        } else {
            // No time of its own: the step has the dossier's time, so the gateway's dossier clock decides.
            calendar = dossier.calendar();
            reading = DeadlineClock.read(calendar, dossier.facts().receivedAt(),
                    dossier.procedure().processingTime().workingTime(calendar.dayLength()), dossier.pauses(),
                    dossier.procedure().supplementClock(), finishedAt != null ? finishedAt : now);
        }
        step.put("dueAt", local(reading.dueAt()));
        boolean notClassified = NOT_CLASSIFIED.contains(s.state());
        Timeliness timeliness = finishedAt == null || notClassified ? null
                : Timeliness.of(finishedAt, reading.dueAt(), calendar.zone());
        outcome(step, calendar, reading.dueAt(), finishedAt == null ? reading.pausedSince() : null, finishedAt,
                timeliness, notClassified, now);
    }

    /** The flags every clock shows: onTime and timeliness once finished, or onTime, dueSoon and the pause while open. */
    private void outcome(Map<String, Object> view, WorkingCalendar calendar, Instant dueAt, Instant pausedSince,
                         Instant finishedAt, Timeliness timeliness, boolean notClassified, Instant now) {
        view.put("finishedAt", local(finishedAt));
        if (notClassified) {
            return; // withdrawn or not accepted: neither on time nor late
        }
        if (finishedAt != null) {
            view.put("onTime", timeliness.onTime());
            view.put("timeliness", timeliness.name());
            return;
        }
        boolean onTime = pausedSince != null || !now.isAfter(dueAt);
        view.put("onTime", onTime);
        view.put("dueSoon", onTime && pausedSince == null
                && calendar.workingTime(now, dueAt).compareTo(calendar.dayLength()) <= 0);
        view.put("clockPausedSince", local(pausedSince));
    }

    private List<Map<String, Object>> pauses(List<Pause> pauses) {
        return pauses.stream().map(p -> {
            Map<String, Object> pause = new LinkedHashMap<>();
            pause.put("from", local(p.from()));
            pause.put("to", local(p.to()));
            return pause;
        }).toList();
    }

    /** A completed dossier finished when its last step did; a stopped one when it was stopped. */
    private static Instant finishedAt(DeadlineStore.DossierFacts d, List<DeadlineStore.StepFacts> steps) {
        if (DossierStatus.COMPLETED.name().equals(d.state())) {
            return steps.stream().map(DeadlineStore.StepFacts::finishedAt).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(null);
        }
        if (DossierStatus.STOPPED.name().equals(d.state())) {
            return steps.stream().filter(s -> DossierStatus.STOPPED.name().equals(s.state()))
                    .map(DeadlineStore.StepFacts::finishedAt).filter(Objects::nonNull).findFirst().orElse(null);
        }
        return null;
    }

    private OffsetDateTime local(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, zone());
    }

    private ZoneId zone() {
        return calendars.zone();
    }
}
