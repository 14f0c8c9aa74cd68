package vn.lienthong.gateway.cluster;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How this node takes part in a cluster of gateway nodes sharing one broker and one database.
 *
 * @param enabled           whether other nodes may run beside this one: singletons then run only on the elected
 *                          leader, and pause and circuit changes are broadcast; off, this node is the only one
 * @param nodeId            this node's name in logs and broadcasts (default: host name and process id)
 * @param lockTtl           how long the leader's lock row stays valid without a heartbeat: a killed leader is
 *                          replaced after at most this long plus one heartbeat
 * @param heartbeat         how often the leader renews its lock and a follower asks for it
 * @param reconcileInterval how often each node re-reads the pauses from the database, in case it missed a broadcast
 */
@ConfigurationProperties("gateway.cluster")
public record ClusterProperties(boolean enabled, String nodeId, Duration lockTtl, Duration heartbeat,
                                Duration reconcileInterval) {

    public ClusterProperties {
        nodeId = nodeId == null || nodeId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeId;
        lockTtl = lockTtl == null ? Duration.ofSeconds(10) : lockTtl;
        heartbeat = heartbeat == null ? Duration.ofSeconds(1) : heartbeat;
        reconcileInterval = reconcileInterval == null ? Duration.ofSeconds(5) : reconcileInterval;
        if (heartbeat.compareTo(lockTtl) >= 0) {
            throw new IllegalArgumentException("gateway.cluster.heartbeat (" + heartbeat + ") must be shorter than"
                    + " gateway.cluster.lock-ttl (" + lockTtl + "), or the leader loses its lock between heartbeats");
        }
        if (reconcileInterval.isNegative() || reconcileInterval.isZero()) {
            throw new IllegalArgumentException("gateway.cluster.reconcile-interval must be positive, not "
                    + reconcileInterval);
        }
    }
}
