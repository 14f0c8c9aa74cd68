package vn.lienthong.gateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Events are kept at least as long as payloads, or the gateway does not start. */
class RetentionPropertiesTest {

    @Configuration
    @EnableConfigurationProperties(RetentionProperties.class)
    static class Bind {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bind.class);

    @Test
    void eventsKeptShorterThanPayloadsStopStartUpWithTheReason() {
        runner.withPropertyValues("gateway.retention.payloads=90d", "gateway.retention.events=30d")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(
                            "gateway.retention.events (PT720H) must be at least gateway.retention.payloads (PT2160H)");
                });
    }

    @Test
    void theDefaultsKeepPayloads90DaysAndEventsAYear() {
        runner.run(context -> {
            RetentionProperties properties = context.getBean(RetentionProperties.class);
            assertThat(properties.payloads()).isEqualTo(Duration.ofDays(90));
            assertThat(properties.events()).isEqualTo(Duration.ofDays(365));
        });
    }
}
