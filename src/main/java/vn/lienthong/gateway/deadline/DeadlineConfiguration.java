package vn.lienthong.gateway.deadline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The working-day calendar, from {@code gateway.calendar}. */
@Configuration
class DeadlineConfiguration {

    @Bean
    WorkingCalendar workingCalendar(CalendarProperties properties) {
        return WorkingCalendar.of(properties);
    }
}
