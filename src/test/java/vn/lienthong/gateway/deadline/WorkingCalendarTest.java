package vn.lienthong.gateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.lienthong.gateway.catalog.SupplementClock;
import vn.lienthong.gateway.catalog.WorkDuration;

/**
 * Office-hour arithmetic as the one-stop software does it, on the 2026 calendar of config/application.yml: one
 * table of due dates across the office-hour edges, holidays, compensatory Saturdays, half days, hours and pauses.
 */
class WorkingCalendarTest {

    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    /** The 2026 holidays and compensatory working days of config/application.yml, default office hours. */
    static final CalendarProperties PROPERTIES_2026 = new CalendarProperties(VN, Map.of(), Map.of(),
            dates("2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
                    "2026-04-27", "2026-04-30", "2026-05-01", "2026-08-31", "2026-09-01", "2026-09-02"),
            dates("2026-01-10", "2026-08-22"));
    static final WorkingCalendar CALENDAR = new WorkingCalendars(PROPERTIES_2026).standard();

    static List<LocalDate> dates(String... isoDates) {
        return Arrays.stream(isoDates).map(LocalDate::parse).toList();
    }

    /** A local time in Vietnam, {@code 2026-11-21T09:40}. */
    static Instant vn(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+07:00").toInstant();
    }

    /** {@code 3d}, {@code 0.5d} or {@code 4h}. */
    static WorkDuration time(String text) {
        String amount = text.substring(0, text.length() - 1);
        return text.endsWith("h") ? WorkDuration.hours(amount) : WorkDuration.days(amount);
    }

    /** {@code from~to; from~} (an open pause has no {@code to}). */
    static List<Pause> pauses(String text) {
        List<Pause> pauses = new ArrayList<>();
        if (text != null) {
            for (String pause : text.split(";")) {
                String[] ends = pause.trim().split("~", -1);
                pauses.add(new Pause(vn(ends[0]), ends[1].isBlank() ? null : vn(ends[1])));
            }
        }
        return pauses;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what the case shows                                           | start            | time | supplement pauses                        | clock   | read at          | due
            inside office hours the time of day is kept                      | 2026-01-12T09:40 | 3d   |                                          | pause   |                  | 2026-01-15T09:40
            a receipt before opening starts at opening                       | 2026-01-12T06:10 | 1d   |                                          | pause   |                  | 2026-01-12T17:00
            a receipt at opening: one day ends at that day's close           | 2026-01-12T07:30 | 1d   |                                          | pause   |                  | 2026-01-12T17:00
            a receipt at lunch starts at the afternoon's start               | 2026-01-12T12:00 | 1d   |                                          | pause   |                  | 2026-01-13T11:30
            half a day from lunch ends at the close                          | 2026-01-12T12:15 | 0.5d |                                          | pause   |                  | 2026-01-12T17:00
            a receipt after closing starts at the next working day's opening | 2026-01-12T17:30 | 1d   |                                          | pause   |                  | 2026-01-13T17:00
            a Saturday receipt: 3 days end at the close of the third day     | 2026-11-21T09:40 | 3d   |                                          | pause   |                  | 2026-11-25T17:00
            a Sunday evening receipt: half a day ends at Monday noon         | 2026-01-11T22:00 | 0.5d |                                          | pause   |                  | 2026-01-12T11:30
            a holiday receipt (30 April) starts after the holidays           | 2026-04-30T10:00 | 1d   |                                          | pause   |                  | 2026-05-04T17:00
            30 April and 1 May and the weekend do not count                  | 2026-04-29T15:00 | 1d   |                                          | pause   |                  | 2026-05-04T15:00
            the substitute day off for Hung Kings (27 April) does not count  | 2026-04-24T15:00 | 1d   |                                          | pause   |                  | 2026-04-28T15:00
            Tet Duong lich: 1 and 2 January off, to Monday 5                 | 2025-12-31T16:00 | 1d   |                                          | pause   |                  | 2026-01-05T16:00
            Tet Nguyen Dan: 16 to 20 February off                            | 2026-02-13T10:00 | 2d   |                                          | pause   |                  | 2026-02-24T10:00
            the compensatory Saturday 10 January is worked                   | 2026-01-09T13:00 | 1d   |                                          | pause   |                  | 2026-01-10T11:30
            a receipt on the compensatory Saturday starts at once            | 2026-01-10T09:00 | 0.5d |                                          | pause   |                  | 2026-01-10T14:30
            Saturday 22 August is worked for Monday 31 August                | 2026-08-21T13:00 | 1d   |                                          | pause   |                  | 2026-08-22T11:30
            Quoc khanh: 31 August to 2 September off                         | 2026-08-28T09:00 | 1d   |                                          | pause   |                  | 2026-09-03T09:00
            half a day from opening ends at 11:30, not 13:00                 | 2026-01-13T07:30 | 0.5d |                                          | pause   |                  | 2026-01-13T11:30
            four hours run over lunch                                        | 2026-01-13T10:00 | 4h   |                                          | pause   |                  | 2026-01-13T15:30
            four hours run over the night                                    | 2026-01-13T15:00 | 4h   |                                          | pause   |                  | 2026-01-14T09:30
            two and a half days                                              | 2026-01-12T07:30 | 2.5d |                                          | pause   |                  | 2026-01-14T11:30
            a pause over a weekend gives back only its office time (2.5 h)   | 2026-01-12T09:00 | 5d   | 2026-01-16T16:00~2026-01-19T09:00        | pause   |                  | 2026-01-19T11:30
            a pause moves the due date by the office time waited             | 2026-01-12T09:00 | 3d   | 2026-01-13T10:00~2026-01-15T14:00        | pause   |                  | 2026-01-19T11:30
            a restart counts the whole time again from the supplement        | 2026-01-12T09:00 | 3d   | 2026-01-13T10:00~2026-01-15T14:00        | restart |                  | 2026-01-20T14:00
            a pause that began after the due date changes nothing            | 2026-01-12T09:00 | 1d   | 2026-01-14T09:00~2026-01-16T09:00        | pause   |                  | 2026-01-13T09:00
            an open pause: due as if the supplement came when read           | 2026-01-12T09:00 | 3d   | 2026-01-13T09:00~                        | pause   | 2026-01-15T10:00 | 2026-01-19T10:00
            overlapping pauses of two steps count once                       | 2026-01-12T09:00 | 3d   | 2026-01-13T09:00~2026-01-15T09:00; 2026-01-14T09:00~2026-01-16T09:00 | pause | | 2026-01-20T09:00
            """)
    void dueDates(String shows, String start, String time, String pauses, String clock, String readAt, String due) {
        DeadlineClock.Reading reading = DeadlineClock.read(CALENDAR, vn(start),
                time(time).workingTime(CALENDAR.dayLength()), pauses(pauses),
                SupplementClock.valueOf(clock.toUpperCase(Locale.ROOT)), readAt == null ? vn(start) : vn(readAt));
        assertThat(reading.dueAt()).as(shows).isEqualTo(vn(due));
    }

    @Test
    void officeTimeIsCountedOnlyInsideOfficeHours() {
        // Friday 16:00 to Monday 09:00: one hour on Friday, one and a half on Monday.
        assertThat(CALENDAR.workingTime(vn("2026-01-16T16:00"), vn("2026-01-19T09:00")))
                .isEqualTo(Duration.ofMinutes(150));
        assertThat(CALENDAR.workingTime(vn("2026-01-19T09:00"), vn("2026-01-16T16:00"))).isZero();
        assertThat(CALENDAR.dayLength()).isEqualTo(Duration.ofHours(8));
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-01-10"))).isTrue();
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-01-17"))).isFalse();
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-04-27"))).isFalse();
    }

    @Test
    void anAgencyWithItsOwnHoursCountsThemAndKeepsTheHolidays() {
        CalendarProperties properties = new CalendarProperties(VN, Map.of(), Map.of("000.22.31.H19",
                new CalendarProperties.Agency(Map.of(DayOfWeek.SATURDAY, List.of("07:30-11:30"),
                        DayOfWeek.FRIDAY, List.of("08:00-12:00", "13:30-17:30")))),
                PROPERTIES_2026.holidays(), PROPERTIES_2026.workingDays());
        WorkingCalendars calendars = new WorkingCalendars(properties);
        WorkingCalendar desk = calendars.of("000.22.31.H19");
        // Its Friday closes at 17:30 and its Saturday morning is worked: a day from Friday 13:30 ends Saturday 11:30.
        assertThat(desk.due(vn("2026-01-16T13:30"), WorkDuration.days("1"))).isEqualTo(vn("2026-01-17T11:30"));
        assertThat(desk.due(vn("2026-01-16T13:30"), WorkDuration.hours("6"))).isEqualTo(vn("2026-01-17T09:30"));
        // Another agency keeps the default hours (Friday closes at 17:00, Saturday off); 1 May stays a holiday.
        assertThat(calendars.of("000.00.99.H19").due(vn("2026-01-16T13:30"), WorkDuration.hours("6")))
                .isEqualTo(vn("2026-01-19T10:00"));
        assertThat(desk.isWorkingDay(LocalDate.parse("2026-05-01"))).isFalse();
    }

    @Test
    void unreadableOrOverlappingOfficeHoursAreNamed() {
        assertThatThrownBy(() -> new WorkingCalendars(new CalendarProperties(VN,
                Map.of(DayOfWeek.MONDAY, List.of("7h30-11h30")), Map.of(), List.of(), List.of())))
                .hasMessageContaining("gateway.calendar.office-hours.monday")
                .hasMessageContaining("'7h30-11h30' is not an office period such as 07:30-11:30");
        assertThatThrownBy(() -> new WorkingCalendars(new CalendarProperties(VN, Map.of(), Map.of("000.22.31.H19",
                new CalendarProperties.Agency(Map.of(DayOfWeek.TUESDAY, List.of("07:30-12:00", "11:30-17:00")))),
                List.of(), List.of())))
                .hasMessageContaining("gateway.calendar.agencies[000.22.31.H19].office-hours.tuesday")
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> new CalendarProperties(VN, Map.of(), Map.of(), dates("2026-01-10"),
                dates("2026-01-10"))).hasMessageContaining("both as holidays and as working-days");
    }
}
