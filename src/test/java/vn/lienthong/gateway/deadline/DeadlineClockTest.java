package vn.lienthong.gateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.gateway.deadline.WorkingCalendarTest.CALENDAR;
import static vn.lienthong.gateway.deadline.WorkingCalendarTest.vn;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A supplement request stops the clock; its answer starts it again with the time that was left. */
class DeadlineClockTest {

    static final Instant MONDAY_9 = vn("2026-01-05T09:00:00");
    static final Duration THREE_DAYS = Duration.ofDays(3);

    @Test
    void withoutPausesTheDueDateIsTheWorkingDaySum() {
        DeadlineClock.Reading reading = DeadlineClock.read(CALENDAR, MONDAY_9, THREE_DAYS, List.of(), MONDAY_9);
        assertThat(reading.dueAt()).isEqualTo(vn("2026-01-08T09:00:00"));
        assertThat(reading.isFrozen()).isFalse();
    }

    @Test
    void aSupplementRequestPausesTheClockAndTheNextRevisionResumesIt() {
        // One day used (Monday 9:00 to Tuesday 9:00), then three working days waiting for the supplement.
        Pause supplement = new Pause(vn("2026-01-06T09:00:00"), vn("2026-01-09T09:00:00"));
        Instant whilePaused = vn("2026-01-08T12:00:00");

        DeadlineClock.Reading paused = DeadlineClock.read(CALENDAR, MONDAY_9, THREE_DAYS,
                List.of(new Pause(supplement.from(), null)), whilePaused);
        assertThat(paused.isFrozen()).isTrue();
        assertThat(paused.pausedSince()).isEqualTo(supplement.from());
        assertThat(paused.remaining()).isEqualTo(Duration.ofDays(2));
        // Shown as: if the supplement came now, two working days would be left.
        assertThat(paused.dueAt()).isEqualTo(vn("2026-01-12T12:00:00"));

        DeadlineClock.Reading resumed = DeadlineClock.read(CALENDAR, MONDAY_9, THREE_DAYS, List.of(supplement),
                vn("2026-01-09T10:00:00"));
        assertThat(resumed.isFrozen()).isFalse();
        // Two days left from Friday 9:00: Monday 12 then Tuesday 13, instead of Thursday 8 without the pause.
        assertThat(resumed.dueAt()).isEqualTo(vn("2026-01-13T09:00:00"));
    }

    @Test
    void onlyTheWorkingTimeOfAPauseIsGivenBack() {
        // Friday 17:00 to Monday 08:00: 7 hours of Friday and 8 of Monday, the weekend gives nothing back.
        Pause overWeekend = new Pause(vn("2026-01-09T17:00:00"), vn("2026-01-12T08:00:00"));
        DeadlineClock.Reading reading = DeadlineClock.read(CALENDAR, MONDAY_9, Duration.ofDays(10),
                List.of(overWeekend), vn("2026-01-12T08:00:00"));
        assertThat(reading.dueAt()).isEqualTo(CALENDAR.plusWorkingDays(MONDAY_9, 10).plus(Duration.ofHours(15)));
    }

    @Test
    void aPauseAfterTheDueDateDoesNotMakeALateStepOnTime() {
        Pause late = new Pause(vn("2026-01-07T09:00:00"), vn("2026-01-09T09:00:00"));
        DeadlineClock.Reading reading = DeadlineClock.read(CALENDAR, MONDAY_9, Duration.ofDays(1), List.of(late),
                vn("2026-01-09T09:00:00"));
        assertThat(reading.dueAt()).isEqualTo(vn("2026-01-06T09:00:00"));

        DeadlineClock.Reading stillOpen = DeadlineClock.read(CALENDAR, MONDAY_9, Duration.ofDays(1),
                List.of(new Pause(late.from(), null)), vn("2026-01-09T09:00:00"));
        assertThat(stillOpen.isFrozen()).isFalse();
        assertThat(stillOpen.dueAt()).isEqualTo(vn("2026-01-06T09:00:00"));
    }

    @Test
    void overlappingPausesOfTwoStepsStopTheDossierClockOnce() {
        // Tuesday 9:00 to Thursday 9:00 and Wednesday 9:00 to Friday 9:00: three working days in all, not four.
        List<Pause> pauses = List.of(new Pause(vn("2026-01-07T09:00:00"), vn("2026-01-09T09:00:00")),
                new Pause(vn("2026-01-06T09:00:00"), vn("2026-01-08T09:00:00")));
        DeadlineClock.Reading reading = DeadlineClock.read(CALENDAR, MONDAY_9, THREE_DAYS, pauses, MONDAY_9);
        assertThat(reading.dueAt()).isEqualTo(vn("2026-01-13T09:00:00"));
    }

    @Test
    void aPauseFromBeforeTheStartOnlyCountsFromTheStart() {
        Pause early = new Pause(vn("2026-01-02T09:00:00"), vn("2026-01-06T09:00:00"));
        DeadlineClock.Reading reading = DeadlineClock.read(CALENDAR, MONDAY_9, THREE_DAYS, List.of(early), MONDAY_9);
        assertThat(reading.dueAt()).isEqualTo(vn("2026-01-09T09:00:00"));
    }
}
