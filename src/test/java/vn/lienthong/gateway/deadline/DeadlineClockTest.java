package vn.lienthong.gateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.gateway.deadline.WorkingCalendarTest.CALENDAR;
import static vn.lienthong.gateway.deadline.WorkingCalendarTest.vn;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.catalog.SupplementClock;

/**
 * A supplement request stops the clock; while it is stopped the reading says since when and what is left (the
 * due dates themselves are in the table of {@link WorkingCalendarTest}).
 */
class DeadlineClockTest {

    static final Instant MONDAY_9 = vn("2026-01-12T09:00");
    static final Duration THREE_DAYS = Duration.ofHours(24);

    @Test
    void aRunningClockIsNotFrozen() {
        DeadlineClock.Reading reading = DeadlineClock.read(CALENDAR, MONDAY_9, THREE_DAYS, List.of(),
                SupplementClock.PAUSE, MONDAY_9);
        assertThat(reading.dueAt()).isEqualTo(vn("2026-01-15T09:00"));
        assertThat(reading.isFrozen()).isFalse();
    }

    @Test
    void whileASupplementIsAwaitedTheClockKeepsWhatWasLeft() {
        // Monday 09:00 to Tuesday 09:00 is one working day (6.5 + 1.5 office hours); two are left.
        List<Pause> open = List.of(new Pause(vn("2026-01-13T09:00"), null));
        DeadlineClock.Reading paused = DeadlineClock.read(CALENDAR, MONDAY_9, THREE_DAYS, open, SupplementClock.PAUSE,
                vn("2026-01-15T10:00"));
        assertThat(paused.isFrozen()).isTrue();
        assertThat(paused.pausedSince()).isEqualTo(vn("2026-01-13T09:00"));
        assertThat(paused.remaining()).isEqualTo(Duration.ofHours(16));

        // With restart, the whole processing time is left: it counts again from the supplement's arrival.
        DeadlineClock.Reading restart = DeadlineClock.read(CALENDAR, MONDAY_9, THREE_DAYS, open,
                SupplementClock.RESTART, vn("2026-01-15T10:00"));
        assertThat(restart.remaining()).isEqualTo(THREE_DAYS);
        assertThat(restart.dueAt()).isEqualTo(vn("2026-01-20T10:00"));
    }

    @Test
    void aPauseStillOpenAfterTheDueDateDoesNotFreezeALateClock() {
        DeadlineClock.Reading reading = DeadlineClock.read(CALENDAR, MONDAY_9, Duration.ofHours(8),
                List.of(new Pause(vn("2026-01-14T09:00"), null)), SupplementClock.PAUSE, vn("2026-01-16T09:00"));
        assertThat(reading.isFrozen()).isFalse();
        assertThat(reading.dueAt()).isEqualTo(vn("2026-01-13T09:00"));
    }

    @Test
    void aPauseFromBeforeTheStartOnlyCountsFromTheStart() {
        Pause early = new Pause(vn("2026-01-09T09:00"), vn("2026-01-13T09:00"));
        DeadlineClock.Reading reading = DeadlineClock.read(CALENDAR, MONDAY_9, THREE_DAYS, List.of(early),
                SupplementClock.PAUSE, MONDAY_9);
        // Monday 09:00 to Tuesday 09:00 given back: due one working day later than without it.
        assertThat(reading.dueAt()).isEqualTo(vn("2026-01-16T09:00"));
        assertThat(DeadlineClock.merged(MONDAY_9, List.of(early))).containsExactly(new Pause(MONDAY_9,
                vn("2026-01-13T09:00")));
    }
}
