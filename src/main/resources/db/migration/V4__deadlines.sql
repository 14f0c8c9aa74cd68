-- Deadlines (issue 4): the gateway's own due dates, the supplement clock pauses, and what retention needs.
-- Portable SQL: the same file runs on H2 (demo, tests) and PostgreSQL; one column per ALTER for both.

-- When a step's clock started: its first routing (routed_at moves again when a supplement is routed).
ALTER TABLE dossier_step ADD COLUMN started_at TIMESTAMP WITH TIME ZONE;

-- The gateway's due date of the dossier (processingDays working days from received_at, pauses added);
-- NULL while a supplement request has stopped the clock before the due date was reached.
ALTER TABLE dossier ADD COLUMN deadline_at TIMESTAMP WITH TIME ZONE;
-- When the last step completed (COMPLETED dossiers only) and whether that was by deadline_at.
ALTER TABLE dossier ADD COLUMN finished_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE dossier ADD COLUMN on_time BOOLEAN;

CREATE INDEX dossier_open_deadline ON dossier (finished_at, deadline_at);
CREATE INDEX dossier_finished ON dossier (finished_at, receiving_agency);

-- A step's clock stopped by SUPPLEMENT_REQUESTED (yêu cầu bổ sung hồ sơ), from the department's status time
-- until the next revision reached the step (or the department reported again); resumed_at NULL = still stopped.
CREATE TABLE clock_pause (
    dossier_code  VARCHAR(50)  NOT NULL,
    system_id     VARCHAR(63)  NOT NULL,
    paused_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    resumed_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (dossier_code, system_id, paused_at)
);

-- Retention purges by age.
CREATE INDEX tracking_event_at ON tracking_event (at);
CREATE INDEX dossier_revision_received ON dossier_revision (received_at);
CREATE INDEX dead_letter_resolved ON dead_letter (state, resolved_at);
