package vn.lienthong.gateway.observability;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the gateway's own metrics.
 *
 * @param gaugeRefresh how often the per-system gauges (queue depth, open dead letters, circuit, pause) are read
 */
@ConfigurationProperties("gateway.metrics")
public record ObservabilityProperties(Duration gaugeRefresh) {

    public ObservabilityProperties {
        gaugeRefresh = gaugeRefresh == null ? Duration.ofSeconds(15) : gaugeRefresh;
    }
}
