package vn.lienthong.gateway.deadline;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Set;

/**
 * Working-day arithmetic (ngày làm việc). A working day is a whole calendar day, midnight to midnight in the
 * calendar's zone, that is neither a Saturday, a Sunday nor a listed holiday; only time inside working days
 * counts. So {@code N} working days from an instant end at the same time of day on the {@code N}th working
 * day after it (Friday 10:00 + 1 = Monday 10:00); counted from a non-working day they start at the next
 * working day's midnight and end at the midnight after the {@code N}th one (Saturday + 1 = Tuesday 00:00,
 * i.e. the end of Monday).
 */
public final class WorkingCalendar {

    /** One working day of working time. */
    public static final Duration DAY = Duration.ofDays(1);

    /** No real calendar goes this long without a working day; a longer walk means a broken holiday list. */
    private static final int MAX_DAYS = 36_600;

    private final ZoneId zone;
    private final Set<LocalDate> holidays;

    public WorkingCalendar(ZoneId zone, Collection<LocalDate> holidays) {
        this.zone = zone;
        this.holidays = Set.copyOf(holidays);
    }

    public static WorkingCalendar of(CalendarProperties properties) {
        return new WorkingCalendar(properties.zone(), properties.holidays());
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    /** The instant {@code days} working days after {@code from}. */
    public Instant plusWorkingDays(Instant from, int days) {
        return plus(from, DAY.multipliedBy(days));
    }

    /** The instant at which {@code workingTime} of working time has passed since {@code from}. */
    public Instant plus(Instant from, Duration workingTime) {
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("working time must not be negative: " + workingTime);
        }
        Instant cursor = from;
        Duration remaining = workingTime;
        for (int i = 0; i < MAX_DAYS; i++) {
            if (remaining.isZero()) {
                return cursor;
            }
            LocalDate day = LocalDate.ofInstant(cursor, zone);
            Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
            if (isWorkingDay(day)) {
                Duration left = Duration.between(cursor, dayEnd);
                if (remaining.compareTo(left) <= 0) {
                    return cursor.plus(remaining);
                }
                remaining = remaining.minus(left);
            }
            cursor = dayEnd;
        }
        throw new IllegalStateException("no working day within " + MAX_DAYS + " days of " + from
                + "; check gateway.calendar.holidays");
    }

    /** The working time inside {@code [from, to)}; zero when {@code to} is not after {@code from}. */
    public Duration workingTime(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        Instant cursor = from;
        while (cursor.isBefore(to)) {
            LocalDate day = LocalDate.ofInstant(cursor, zone);
            Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
            Instant end = dayEnd.isBefore(to) ? dayEnd : to;
            if (isWorkingDay(day)) {
                total = total.plus(Duration.between(cursor, end));
            }
            cursor = end;
        }
        return total;
    }
}
