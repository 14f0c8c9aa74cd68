package vn.lienthong.gateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The overdue count reaches Prometheus as {@code gateway_dossiers_overdue}, refreshed by the schedule, not the scrape. */
class OverdueDossiersTest {

    @Test
    void theGaugeIsExportedUnderTheGatewayPrefixAndChangesOnlyOnRefresh() {
        DeadlineStore store = mock(DeadlineStore.class);
        when(store.countOverdue(any(), anyCollection())).thenReturn(7L, 3L);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        OverdueDossiers overdue = new OverdueDossiers(store, new DeadlineProperties(null), registry);

        assertThat(registry.scrape()).contains("gateway_dossiers_overdue 0.0");
        assertThat(overdue.refresh()).isEqualTo(7);
        assertThat(registry.scrape()).contains("gateway_dossiers_overdue 7.0").contains("# HELP gateway_dossiers_overdue");
        assertThat(registry.scrape()).contains("gateway_dossiers_overdue 7.0");
        overdue.refresh();
        assertThat(registry.scrape()).contains("gateway_dossiers_overdue 3.0");
    }
}
