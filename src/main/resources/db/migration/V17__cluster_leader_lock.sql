-- Issue 14 part 4: the lock that elects the one node running the cluster's singletons (the national axis poll,
-- status-folder readers, retention, circuit probes). Spring Integration's JdbcLockRegistry table, as its
-- schema-postgresql.sql / schema-h2.sql define it (portable SQL: the same file runs on H2 and PostgreSQL).
-- The leader renews its row's CREATED_DATE on every heartbeat; a row older than the lock's time to live
-- (gateway.cluster.lock-ttl) belongs to a dead node and is taken over by the next node that asks.
CREATE TABLE INT_LOCK (
    LOCK_KEY      CHAR(36)      NOT NULL,
    REGION        VARCHAR(100)  NOT NULL,
    CLIENT_ID     CHAR(36),
    CREATED_DATE  TIMESTAMP     NOT NULL,
    CONSTRAINT INT_LOCK_PK PRIMARY KEY (LOCK_KEY, REGION)
);
