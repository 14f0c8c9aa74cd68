package vn.lienthong.gateway.deadline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import vn.lienthong.gateway.catalog.SupplementClock;

/**
 * The due date of a clock that runs from a start instant for a budget of working time and stops during
 * supplement pauses. With {@link SupplementClock#PAUSE} the due date is the instant at which the working time
 * elapsed since the start, minus the working time inside pauses, reaches the budget; with
 * {@link SupplementClock#RESTART} the whole budget counts again from the end of each pause. A pause that begins
 * after the due date changes nothing (a step that was late when it asked for a supplement stays late); a pause
 * still open before the due date freezes the clock with the working time that is left.
 */
public final class DeadlineClock {

    /**
     * Where a clock stands.
     *
     * @param dueAt       the due date; while frozen, the due date if the clock resumed at {@code now}
     * @param pausedSince when the open pause that froze the clock began, or {@code null} when it runs
     * @param remaining   the working time left at the pause, while frozen; otherwise {@code null}
     */
    public record Reading(Instant dueAt, Instant pausedSince, Duration remaining) {

        public boolean isFrozen() {
            return pausedSince != null;
        }
    }

    private DeadlineClock() {
    }

    /** Reads the clock that started at {@code start} with {@code budget} of working time, at {@code now}. */
    public static Reading read(WorkingCalendar calendar, Instant start, Duration budget, List<Pause> pauses,
                               SupplementClock mode, Instant now) {
        Instant cursor = start;
        Duration remaining = budget;
        for (Pause pause : merged(start, pauses)) {
            Instant due = calendar.plus(cursor, remaining);
            if (!due.isAfter(pause.from())) {
                return new Reading(due, null, null);
            }
            remaining = mode == SupplementClock.RESTART ? budget
                    : remaining.minus(calendar.workingTime(cursor, pause.from()));
            if (pause.isOpen()) {
                Instant resume = now.isAfter(pause.from()) ? now : pause.from();
                return new Reading(calendar.plus(resume, remaining), pause.from(), remaining);
            }
            cursor = pause.to();
        }
        return new Reading(calendar.plus(cursor, remaining), null, null);
    }

    /** Pauses clipped to the start, in order, overlapping ones joined; an open pause swallows later ones. */
    static List<Pause> merged(Instant start, List<Pause> pauses) {
        List<Pause> sorted = pauses.stream()
                .filter(p -> p.isOpen() || p.to().isAfter(start))
                .map(p -> p.from().isBefore(start) ? new Pause(start, p.to()) : p)
                .filter(p -> p.isOpen() || p.to().isAfter(p.from()))
                .sorted(Comparator.comparing(Pause::from))
                .toList();
        List<Pause> merged = new ArrayList<>();
        for (Pause p : sorted) {
            if (!merged.isEmpty()) {
                Pause last = merged.get(merged.size() - 1);
                if (last.isOpen()) {
                    break;
                }
                if (!p.from().isAfter(last.to())) {
                    merged.set(merged.size() - 1, new Pause(last.from(),
                            p.isOpen() || p.to().isAfter(last.to()) ? p.to() : last.to()));
                    continue;
                }
            }
            merged.add(p);
        }
        return merged;
    }
}
