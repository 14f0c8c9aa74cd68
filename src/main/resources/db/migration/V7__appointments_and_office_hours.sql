-- Deadlines that agree with the one-stop software and the national on-time index (issue 11).
-- Portable SQL: the same file runs on H2 (demo, tests) and PostgreSQL; one column per ALTER for both.

-- Every appointment (ngày hẹn trả, NgayHenTra) the one-stop software gave: the first one and each revision that
-- moved it. dossier.due_at stays the current one; dossier.deadline_at is now the legal due date (the current
-- appointment, or the gateway's own office-hour computation when the one-stop software sent none).
CREATE TABLE dossier_appointment (
    dossier_code  VARCHAR(50)  NOT NULL,
    revision      INTEGER      NOT NULL,
    due_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dossier_code, revision)
);
INSERT INTO dossier_appointment (dossier_code, revision, due_at, recorded_at)
    SELECT d.dossier_code,
           COALESCE((SELECT MIN(r.revision) FROM dossier_revision r WHERE r.dossier_code = d.dossier_code), 1),
           d.due_at, d.received_at
    FROM dossier d WHERE d.due_at IS NOT NULL;

-- Open dossiers are due by their appointment from now on (NULL = clock stopped by a supplement: kept).
UPDATE dossier SET deadline_at = due_at
    WHERE due_at IS NOT NULL AND finished_at IS NULL AND deadline_at IS NOT NULL;

-- How a finished dossier stands against its due date, as the index counts it: EARLY, ON_TIME or LATE.
-- on_time stays (EARLY or ON_TIME). Dossiers finished before this version were only known on time or late.
ALTER TABLE dossier ADD COLUMN timeliness VARCHAR(10);
UPDATE dossier SET timeliness = CASE WHEN on_time THEN 'ON_TIME' ELSE 'LATE' END WHERE on_time IS NOT NULL;

-- When a step finished as the index counts it: its COMPLETED, else its RESULT_RETURNED, else its STOPPED
-- (completed_at moves with every finishing status; this does not).
ALTER TABLE dossier_step ADD COLUMN finished_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE dossier_step ADD COLUMN finished_status VARCHAR(30);
UPDATE dossier_step SET finished_at = completed_at, finished_status = state
    WHERE state IN ('COMPLETED', 'RESULT_RETURNED') AND completed_at IS NOT NULL;
