package vn.lienthong.gateway.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The working calendar of every agency: one list of holidays and compensatory working days for the whole
 * country, office hours by default or the agency's own ({@code gateway.calendar.agencies}).
 */
public final class WorkingCalendars {

    private final WorkingCalendar standard;
    private final Map<String, WorkingCalendar> byAgency = new HashMap<>();
    private final Set<Integer> configuredYears = new TreeSet<>();

    public WorkingCalendars(CalendarProperties properties) {
        OfficeHours hours = officeHours(OfficeHours.DEFAULT, properties.officeHours(), "gateway.calendar.office-hours");
        this.standard = new WorkingCalendar(properties.zone(), hours, properties.holidays(), properties.workingDays());
        properties.agencies().forEach((agency, own) -> byAgency.put(agency, new WorkingCalendar(properties.zone(),
                officeHours(hours, own.officeHours(), "gateway.calendar.agencies[" + agency + "].office-hours"),
                properties.holidays(), properties.workingDays())));
        Stream.concat(properties.holidays().stream(), properties.workingDays().stream())
                .forEach(day -> configuredYears.add(day.getYear()));
    }

    private static OfficeHours officeHours(OfficeHours base, Map<DayOfWeek, List<String>> own,
                                           String key) {
        try {
            return base.with(own);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "." + e.getMessage(), e);
        }
    }

    /** The calendar with the default office hours. */
    public WorkingCalendar standard() {
        return standard;
    }

    /** The calendar of an agency: its own office hours where configured, the default otherwise. */
    public WorkingCalendar of(String agencyCode) {
        return agencyCode == null ? standard : byAgency.getOrDefault(agencyCode, standard);
    }

    public ZoneId zone() {
        return standard.zone();
    }

    /** Whether any holiday or compensatory working day of {@code year} is configured. */
    public boolean hasCalendarFor(int year) {
        return configuredYears.contains(year);
    }

    /** The years from {@code from} to {@code to} that have no holidays configured. */
    public Set<Integer> yearsWithoutCalendar(LocalDate from, LocalDate to) {
        Set<Integer> missing = new TreeSet<>();
        for (int year = from.getYear(); year <= to.getYear(); year++) {
            if (!hasCalendarFor(year)) {
                missing.add(year);
            }
        }
        return missing;
    }
}
