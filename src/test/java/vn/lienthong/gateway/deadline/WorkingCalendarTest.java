package vn.lienthong.gateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Working-day arithmetic: weekends and configured holidays do not count, the time of day is kept. */
class WorkingCalendarTest {

    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Hùng Kings' substitute day, Reunification Day and Labour Day 2026. */
    static final WorkingCalendar CALENDAR = new WorkingCalendar(VN, List.of(LocalDate.parse("2026-04-27"),
            LocalDate.parse("2026-04-30"), LocalDate.parse("2026-05-01")));

    static Instant vn(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+07:00").toInstant();
    }

    @Test
    void aWeekendDoesNotCount() {
        // Friday 10:00 + 1 working day: Saturday and Sunday are skipped.
        assertThat(CALENDAR.plusWorkingDays(vn("2026-01-09T10:00:00"), 1)).isEqualTo(vn("2026-01-12T10:00:00"));
        assertThat(CALENDAR.plusWorkingDays(vn("2026-01-09T10:00:00"), 3)).isEqualTo(vn("2026-01-14T10:00:00"));
        assertThat(CALENDAR.workingTime(vn("2026-01-09T10:00:00"), vn("2026-01-12T10:00:00")))
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aConfiguredHolidayDoesNotCount() {
        // Wednesday 29 April + 1: 30 April and 1 May are holidays, then the weekend.
        assertThat(CALENDAR.plusWorkingDays(vn("2026-04-29T10:00:00"), 1)).isEqualTo(vn("2026-05-04T10:00:00"));
        // The same sum without the holidays configured lands on 30 April: the list is what makes the difference.
        WorkingCalendar noHolidays = new WorkingCalendar(VN, List.of());
        assertThat(noHolidays.plusWorkingDays(vn("2026-04-29T10:00:00"), 1)).isEqualTo(vn("2026-04-30T10:00:00"));
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-04-30"))).isFalse();
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-04-29"))).isTrue();
    }

    @Test
    void aWeekendFollowedByAHolidayDoesNotCount() {
        // Friday 24 April 15:00 + 2: Saturday, Sunday and Monday 27 (holiday) skipped; Tuesday is 1, Wednesday 2.
        assertThat(CALENDAR.plusWorkingDays(vn("2026-04-24T15:00:00"), 2)).isEqualTo(vn("2026-04-29T15:00:00"));
        // 5 working days from Friday 24 April 15:00 cross both holiday stretches: 28, 29, 4, 5, 6 May.
        assertThat(CALENDAR.plusWorkingDays(vn("2026-04-24T15:00:00"), 5)).isEqualTo(vn("2026-05-06T15:00:00"));
        assertThat(CALENDAR.workingTime(vn("2026-04-24T15:00:00"), vn("2026-05-06T15:00:00")))
                .isEqualTo(Duration.ofDays(5));
    }

    @Test
    void aClockStartedOnADayOffStartsAtTheNextWorkingDay() {
        // Saturday 25 April: Sunday and the holiday Monday follow, so Tuesday 28 is the one day; it ends at midnight.
        assertThat(CALENDAR.plusWorkingDays(vn("2026-04-25T10:00:00"), 1)).isEqualTo(vn("2026-04-29T00:00:00"));
        assertThat(CALENDAR.workingTime(vn("2026-04-25T10:00:00"), vn("2026-04-28T00:00:00"))).isZero();
    }

    @Test
    void partOfAWorkingDayCountsByTheHour() {
        assertThat(CALENDAR.plus(vn("2026-01-09T20:00:00"), Duration.ofHours(6))).isEqualTo(vn("2026-01-12T02:00:00"));
        assertThat(CALENDAR.workingTime(vn("2026-01-09T20:00:00"), vn("2026-01-12T02:00:00")))
                .isEqualTo(Duration.ofHours(6));
        assertThat(CALENDAR.workingTime(vn("2026-01-12T02:00:00"), vn("2026-01-09T20:00:00"))).isZero();
    }
}
