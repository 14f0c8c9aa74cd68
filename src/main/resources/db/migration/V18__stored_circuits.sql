-- Issue 14 part 4: a system's circuit survives a restart and reaches a node that starts while it is open elsewhere.
-- One row per system whose circuit ever changed; every change raises version, so a node that re-reads the table
-- (gateway.cluster.reconcile-interval) follows the changes it missed, in order, whatever the nodes' clocks say.
CREATE TABLE system_circuit (
    system_id   VARCHAR(63)  NOT NULL PRIMARY KEY,
    circuit     VARCHAR(16)  NOT NULL,
    opened_at   TIMESTAMP WITH TIME ZONE,
    changed_by  VARCHAR(200) NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT       NOT NULL
);
