package vn.lienthong.gateway.deadline;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Deadline settings besides the calendar.
 *
 * @param overdueRefresh how often the overdue-dossier gauge is counted again
 */
@ConfigurationProperties("gateway.deadlines")
public record DeadlineProperties(Duration overdueRefresh) {

    public DeadlineProperties {
        overdueRefresh = overdueRefresh == null ? Duration.ofMinutes(1) : overdueRefresh;
    }
}
