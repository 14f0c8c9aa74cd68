/**
 * Running more than one gateway node against one broker and one database: which node is the leader that runs the
 * singletons (pollers, scheduled jobs, circuit probes), elected by Spring Integration's
 * {@code LockRegistryLeaderInitiator} over a {@code JdbcLockRegistry} row in the shared database, and the broadcast
 * of operator and circuit changes to the other nodes over a JMS topic of the shared broker. With
 * {@code gateway.cluster.enabled=false} (one node, the demo) this node is always the leader and nothing is sent.
 * Depends on nothing else in the gateway; {@code delivery} and {@code deadline} ask it.
 */
package vn.lienthong.gateway.cluster;
