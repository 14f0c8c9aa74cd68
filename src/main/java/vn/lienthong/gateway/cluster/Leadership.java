package vn.lienthong.gateway.cluster;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.stereotype.Component;

/**
 * Whether this node is the one that runs the cluster's singletons: the pollers (routes in the group
 * {@value #SINGLETON_GROUP}), the scheduled jobs and the circuit probes. Alone ({@code gateway.cluster.enabled=false})
 * it always is; in a cluster it is while it holds the leader lock in the shared database, granted and revoked by
 * Spring Integration's {@code LockRegistryLeaderInitiator} ({@link ClusterConfiguration}). Every change is published
 * as a {@link LeadershipChanged} event.
 */
@Component
public class Leadership implements Candidate {

    /** The Camel route group of routes that run on the leader only. */
    public static final String SINGLETON_GROUP = "cluster-singleton";
    /** The lock's key: one leader for all singletons. */
    static final String ROLE = "gateway-singletons";

    private static final Logger log = LoggerFactory.getLogger(Leadership.class);

    /** Published when this node becomes or stops being the leader. */
    public record LeadershipChanged(boolean leader) {
    }

    private final ClusterProperties properties;
    private final ApplicationEventPublisher events;
    private final AtomicBoolean leader;

    public Leadership(ClusterProperties properties, ApplicationEventPublisher events) {
        this.properties = properties;
        this.events = events;
        this.leader = new AtomicBoolean(!properties.enabled());
    }

    /** Whether this node runs the singletons now. */
    public boolean isLeader() {
        return leader.get();
    }

    /** Whether other nodes may run beside this one. */
    public boolean clustered() {
        return properties.enabled();
    }

    /** This node's name in logs and broadcasts. */
    public String nodeId() {
        return properties.nodeId();
    }

    @Override
    public String getRole() {
        return ROLE;
    }

    @Override
    public String getId() {
        return properties.nodeId();
    }

    @Override
    public void onGranted(Context context) {
        if (leader.compareAndSet(false, true)) {
            log.info("Node {} is now the cluster leader: it runs the pollers, scheduled jobs and circuit probes",
                    properties.nodeId());
            events.publishEvent(new LeadershipChanged(true));
        }
    }

    @Override
    public void onRevoked(Context context) {
        if (leader.compareAndSet(true, false)) {
            log.info("Node {} is no longer the cluster leader (lock lost or node stopping): its pollers, scheduled"
                    + " jobs and circuit probes stop", properties.nodeId());
            events.publishEvent(new LeadershipChanged(false));
        }
    }
}
