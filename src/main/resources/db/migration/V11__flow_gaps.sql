-- Issue 13: every change package (recall, update, replacement) an agency sends is its own package, answered on
-- its own; only the same package again is a duplicate. package_key tells packages of one document, direction
-- and business type apart: the content's SHA-256 for a received change package, '' otherwise (a document's NEW
-- package, and what this agency sends, stay one per DocumentId and type).
-- The primary key changes, so the table is rebuilt (portable SQL: the same file runs on H2 and PostgreSQL).
CREATE TABLE edxml_document_v11 (
    document_id          VARCHAR(200)  NOT NULL,
    direction            VARCHAR(10)   NOT NULL,
    business_type        VARCHAR(10)   NOT NULL,
    package_key          VARCHAR(64)   DEFAULT '' NOT NULL,
    related_document_id  VARCHAR(200),
    message_id           VARCHAR(64)   NOT NULL,
    axis_id              VARCHAR(128),
    from_organ_id        VARCHAR(50),
    from_organ_name      VARCHAR(500),
    code                 VARCHAR(100),
    promulgation_date    VARCHAR(20),
    subject              VARCHAR(1000),
    content_sha256       CHAR(64),
    signature_result     VARCHAR(20),
    signature_report     TEXT,
    state                VARCHAR(30)   NOT NULL,
    state_detail         VARCHAR(2000),
    received_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at         TIMESTAMP WITH TIME ZONE,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (document_id, direction, business_type, package_key)
);

INSERT INTO edxml_document_v11 (document_id, direction, business_type, package_key, related_document_id, message_id,
        axis_id, from_organ_id, from_organ_name, code, promulgation_date, subject, content_sha256, signature_result,
        signature_report, state, state_detail, received_at, delivered_at, updated_at)
    SELECT document_id, direction, business_type, '', related_document_id, message_id, axis_id, from_organ_id,
        from_organ_name, code, promulgation_date, subject, content_sha256, signature_result, signature_report, state,
        state_detail, received_at, delivered_at, updated_at
    FROM edxml_document;

DROP TABLE edxml_document;
ALTER TABLE edxml_document_v11 RENAME TO edxml_document;
CREATE UNIQUE INDEX edxml_document_message ON edxml_document (message_id);
CREATE INDEX edxml_document_received ON edxml_document (received_at);

-- Issue 13: the broker message that applied a step's latest status. The same status (same time) again in another
-- broker message is a department's repeat and starts nothing; in the same broker message it is the broker's
-- redelivery after a crash between the database commit and the broker's, and the steps it started are sent again.
ALTER TABLE dossier_step ADD COLUMN status_broker_message_id VARCHAR(200);

-- Issue 13: when the parked messages behind a hold are due (the last one); until then a released hold drains.
ALTER TABLE delivery_hold ADD COLUMN drain_until TIMESTAMP WITH TIME ZONE;
