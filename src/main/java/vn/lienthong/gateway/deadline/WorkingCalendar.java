package vn.lienthong.gateway.deadline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import vn.lienthong.gateway.catalog.WorkDuration;

/**
 * Office-hour arithmetic (giờ hành chính, ngày làm việc) for one agency, as the one-stop software does it. Only
 * time inside office hours of working days counts. A working day is a weekday with office hours that is not a
 * holiday, or a listed compensatory working day (ngày làm bù), which keeps the hours of a full working day. A
 * duration of N days is N times a full working day of office time (8 hours by default). A clock started before
 * opening starts at opening, at lunch at the afternoon's start, after closing or on a day off at the next working
 * day's opening; a due instant is always inside office hours, so 3 days from a Saturday end at the close of
 * office of the third working day, and 4 hours from 07:30 end at 11:30, not 13:00.
 */
public final class WorkingCalendar {

    /** No real calendar goes this long without a working day; a longer walk means a broken holiday list. */
    private static final int MAX_DAYS = 36_600;

    private final ZoneId zone;
    private final OfficeHours hours;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> workingDays;

    public WorkingCalendar(ZoneId zone, OfficeHours hours, Collection<LocalDate> holidays,
                           Collection<LocalDate> workingDays) {
        this.zone = zone;
        this.hours = hours;
        this.holidays = Set.copyOf(holidays);
        this.workingDays = Set.copyOf(workingDays);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate day) {
        if (workingDays.contains(day)) {
            return true;
        }
        return !holidays.contains(day) && !hours.periods(day.getDayOfWeek()).isEmpty();
    }

    /** The office periods of a date; empty when it is not a working day. */
    List<OfficeHours.Period> periods(LocalDate day) {
        if (!isWorkingDay(day)) {
            return List.of();
        }
        List<OfficeHours.Period> own = hours.periods(day.getDayOfWeek());
        return own.isEmpty() ? hours.standardDay() : own;
    }

    /** The office time of a full working day. */
    public Duration dayLength() {
        return hours.dayLength();
    }

    /** The due instant of {@code time} counted from {@code start}. */
    public Instant due(Instant start, WorkDuration time) {
        return plus(start, time.workingTime(dayLength()));
    }

    /**
     * The instant at which {@code workingTime} of office time has passed since {@code from}; it lies inside (or at
     * the close of) an office period. Zero working time gives {@code from} itself.
     */
    public Instant plus(Instant from, Duration workingTime) {
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("working time must not be negative: " + workingTime);
        }
        if (workingTime.isZero()) {
            return from;
        }
        Duration remaining = workingTime;
        LocalDate day = LocalDate.ofInstant(from, zone);
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            for (OfficeHours.Period period : periods(day)) {
                Instant end = at(day, period.end());
                if (!end.isAfter(from)) {
                    continue;
                }
                Instant start = later(at(day, period.start()), from);
                Duration open = Duration.between(start, end);
                if (remaining.compareTo(open) <= 0) {
                    return start.plus(remaining);
                }
                remaining = remaining.minus(open);
            }
        }
        throw new IllegalStateException("no working day within " + MAX_DAYS + " days of " + from
                + "; check gateway.calendar (office-hours, holidays)");
    }

    /** The office time inside {@code [from, to)}; zero when {@code to} is not after {@code from}. */
    public Duration workingTime(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        if (!to.isAfter(from)) {
            return total;
        }
        LocalDate last = LocalDate.ofInstant(to, zone);
        for (LocalDate day = LocalDate.ofInstant(from, zone); !day.isAfter(last); day = day.plusDays(1)) {
            for (OfficeHours.Period period : periods(day)) {
                Instant start = later(at(day, period.start()), from);
                Instant end = earlier(at(day, period.end()), to);
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    private Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(zone).toInstant();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
