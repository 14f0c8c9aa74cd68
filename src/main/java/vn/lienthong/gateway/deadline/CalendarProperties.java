package vn.lienthong.gateway.deadline;

import java.time.ZoneId;
import java.util.List;
import java.time.LocalDate;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The working-day calendar: weekends (Saturday, Sunday) never count; neither do the listed public holidays.
 *
 * @param zone     the time zone whose calendar days count (Vietnam: Asia/Ho_Chi_Minh)
 * @param holidays public holidays and their substitute days off (ngày nghỉ lễ, nghỉ bù), as ISO dates
 */
@ConfigurationProperties("gateway.calendar")
public record CalendarProperties(ZoneId zone, List<LocalDate> holidays) {

    public CalendarProperties {
        zone = zone == null ? ZoneId.of("Asia/Ho_Chi_Minh") : zone;
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
    }
}
