package vn.lienthong.gateway.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The working calendar: office hours per weekday, the public holidays and the compensatory working days.
 *
 * @param zone        the time zone whose calendar days and office hours count (Vietnam: Asia/Ho_Chi_Minh)
 * @param officeHours office periods per weekday, e.g. {@code monday: ["07:30-11:30", "13:00-17:00"]}; weekdays not
 *                    named keep the default (Monday–Friday 07:30–11:30 and 13:00–17:00, weekends off)
 * @param agencies    office hours of the agencies whose hours differ, by agency code (write {@code "[000.22.31.H19]"})
 * @param holidays    public holidays and their substitute days off (ngày nghỉ lễ, nghỉ bù), as ISO dates
 * @param workingDays compensatory working days (ngày làm bù, usually a Saturday), as ISO dates
 */
@ConfigurationProperties("gateway.calendar")
public record CalendarProperties(ZoneId zone, Map<DayOfWeek, List<String>> officeHours, Map<String, Agency> agencies,
                                 List<LocalDate> holidays, List<LocalDate> workingDays) {

    /**
     * One agency's own office hours.
     *
     * @param officeHours office periods per weekday; weekdays not named keep {@code gateway.calendar.office-hours}
     */
    public record Agency(Map<DayOfWeek, List<String>> officeHours) {

        public Agency {
            officeHours = officeHours == null ? Map.of() : Map.copyOf(officeHours);
        }
    }

    public CalendarProperties {
        zone = zone == null ? ZoneId.of("Asia/Ho_Chi_Minh") : zone;
        officeHours = officeHours == null ? Map.of() : Map.copyOf(officeHours);
        agencies = agencies == null ? Map.of() : Map.copyOf(agencies);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        workingDays = workingDays == null ? List.of() : List.copyOf(workingDays);
        List<LocalDate> both = holidays.stream().filter(workingDays::contains).toList();
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("gateway.calendar: " + both + " listed both as holidays and as"
                    + " working-days; a date is one or the other");
        }
    }
}
