package vn.lienthong.gateway.cluster;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The leader election of a cluster ({@code gateway.cluster.enabled=true}): Spring Integration's
 * {@link LockRegistryLeaderInitiator} keeps trying one lock of a {@link JdbcLockRegistry} whose rows live in the
 * shared database (table {@code INT_LOCK}, migration V17). The holder renews the row every heartbeat; a row not
 * renewed for {@code lock-ttl} (a killed or cut-off node) is taken by the next node that asks, so a new leader is
 * in place at most {@code lock-ttl + heartbeat} after the old one died.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.cluster.enabled", havingValue = "true")
class ClusterConfiguration {

    /** The rows of the lock, in the gateway's own database, region = the application. */
    @Bean
    DefaultLockRepository clusterLockRepository(DataSource dataSource, ClusterProperties properties) {
        DefaultLockRepository repository = new DefaultLockRepository(dataSource);
        repository.setRegion("lienthong-gateway");
        repository.setTimeToLive(Math.toIntExact(properties.lockTtl().toMillis()));
        // Its own transactions, whatever other transaction managers the context has.
        repository.setTransactionManager(new DataSourceTransactionManager(dataSource));
        return repository;
    }

    @Bean
    JdbcLockRegistry clusterLockRegistry(DefaultLockRepository repository, ClusterProperties properties) {
        JdbcLockRegistry registry = new JdbcLockRegistry(repository);
        // A follower asks the database about twice per heartbeat, not every 100 ms (the default).
        registry.setIdleBetweenTries(properties.heartbeat().dividedBy(2).isZero()
                ? Duration.ofMillis(100) : properties.heartbeat().dividedBy(2));
        return registry;
    }

    @Bean
    LockRegistryLeaderInitiator clusterLeaderInitiator(JdbcLockRegistry registry, Leadership leadership,
                                                       ClusterProperties properties) {
        LockRegistryLeaderInitiator initiator = new LockRegistryLeaderInitiator(registry, leadership);
        initiator.setHeartBeatMillis(properties.heartbeat().toMillis());
        initiator.setBusyWaitMillis(properties.heartbeat().toMillis());
        return initiator;
    }
}
