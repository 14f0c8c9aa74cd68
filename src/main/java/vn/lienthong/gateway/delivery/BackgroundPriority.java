package vn.lienthong.gateway.delivery;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Intake first: the threads that work through the broker's queues (routing, deliveries, the tracking writer) run at a
 * lower operating-system priority than the threads that take requests, so a burst of dossiers at the start of office
 * hours is accepted (made durable, answered 202) before the backlog it leaves is routed and delivered. Nothing waits
 * in memory: what is not yet routed waits in the broker, as always.
 *
 * <p>The JVM applies Java thread priorities only with {@code -XX:ThreadPriorityPolicy=1} (the packaged start scripts
 * and the container image set it; any user may lower a thread's priority); without it this changes nothing. On
 * Linux, {@link Thread#MIN_PRIORITY} is a nice value of 4: the background threads then get about 30 % of a contended
 * processor against 70 % for intake, and all of it when intake is idle. {@code gateway.background-priority} sets the
 * Java priority (1–5; 5, the normal priority, turns this off). On JDK 21 and later the routes' consumers run on
 * virtual threads ({@code GatewayApplication}), which have no priority: there only the tracking writer is lowered.
 */
@Component
public class BackgroundPriority implements RoutePolicyFactory {

    private final int priority;

    public BackgroundPriority(@Value("${gateway.background-priority:1}") int priority) {
        if (priority < Thread.MIN_PRIORITY || priority > Thread.NORM_PRIORITY) {
            throw new IllegalArgumentException("gateway.background-priority must be between " + Thread.MIN_PRIORITY
                    + " (lowest) and " + Thread.NORM_PRIORITY + " (normal, the same as intake), not " + priority);
        }
        this.priority = priority;
    }

    /** The priority background threads run at. */
    public int priority() {
        return priority;
    }

    /** Lowers the calling thread to the background priority (for background threads that are not routes). */
    public void lowerCurrentThread() {
        Thread thread = Thread.currentThread();
        if (thread.getPriority() != priority) { // a virtual thread ignores it
            thread.setPriority(priority);
        }
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return priority == Thread.NORM_PRIORITY ? null : new RoutePolicySupport() {
            private boolean fromBroker;

            @Override
            public void onInit(Route route) {
                fromBroker = route.getEndpoint().getEndpointUri().startsWith("jms:");
            }

            @Override
            public void onExchangeBegin(Route route, Exchange exchange) {
                // A broker consumer's thread (Spring's listener container) runs only this route: lowered once.
                if (fromBroker) {
                    lowerCurrentThread();
                }
            }
        };
    }
}
