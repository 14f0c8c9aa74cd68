package vn.lienthong.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.junit.jupiter.api.Test;

/** Threads that consume from the broker are lowered to the background priority; intake's threads are not. */
class BackgroundPriorityTest {

    /** The priority of a fresh thread after it began one exchange of a route from {@code uri}. */
    private static int priorityAfterAnExchangeOf(BackgroundPriority background, String uri) throws Exception {
        Route route = mock(Route.class);
        Endpoint endpoint = mock(Endpoint.class);
        when(route.getEndpoint()).thenReturn(endpoint);
        when(endpoint.getEndpointUri()).thenReturn(uri);
        RoutePolicy policy = background.createRoutePolicy(null, "r", null);
        if (policy == null) {
            return Thread.NORM_PRIORITY;
        }
        policy.onInit(route);
        CompletableFuture<Integer> priority = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            policy.onExchangeBegin(route, mock(Exchange.class));
            priority.complete(Thread.currentThread().getPriority());
        });
        thread.setPriority(Thread.NORM_PRIORITY);
        thread.start();
        return priority.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBrokerConsumersThreadRunsAtTheBackgroundPriority() throws Exception {
        BackgroundPriority background = new BackgroundPriority(Thread.MIN_PRIORITY);

        assertThat(priorityAfterAnExchangeOf(background, "jms://queue:gateway.dossier.received"))
                .isEqualTo(Thread.MIN_PRIORITY);
    }

    @Test
    void intakesThreadIsLeftAlone() throws Exception {
        // The intake route runs on the HTTP request's thread (direct:), which must keep the normal priority.
        BackgroundPriority background = new BackgroundPriority(Thread.MIN_PRIORITY);

        assertThat(priorityAfterAnExchangeOf(background, "direct://one-stop-in-dossier"))
                .isEqualTo(Thread.NORM_PRIORITY);
    }

    @Test
    void theNormalPriorityTurnsItOff() throws Exception {
        BackgroundPriority off = new BackgroundPriority(Thread.NORM_PRIORITY);

        assertThat(off.createRoutePolicy(null, "r", null)).isNull();
        assertThat(priorityAfterAnExchangeOf(off, "jms://queue:gateway.dossier.received"))
                .isEqualTo(Thread.NORM_PRIORITY);
    }

    @Test
    void aPriorityAboveNormalIsRefusedWithTheSettingNamed() {
        assertThatThrownBy(() -> new BackgroundPriority(7))
                .hasMessageContaining("gateway.background-priority")
                .hasMessageContaining("between 1 (lowest) and 5");
    }
}
