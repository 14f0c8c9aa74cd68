package vn.lienthong.gateway.deadline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The working calendars of the agencies, from {@code gateway.calendar}. */
@Configuration
class DeadlineConfiguration {

    @Bean
    WorkingCalendars workingCalendars(CalendarProperties properties) {
        return new WorkingCalendars(properties);
    }
}
