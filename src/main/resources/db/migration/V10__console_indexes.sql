-- Operator console (issue 10): indexes for the questions operators wait on, so they stay fast with millions of
-- tracking events (figures in docs/benchmarks.md). Portable SQL: the same file runs on H2 and PostgreSQL.

-- Overview: per system and flow, the messages first seen in the last hour and day and how many failed, read
-- from this index alone (a range of the last day), and messages received per hour for the throughput chart.
CREATE INDEX message_created ON message (created_at, system_id, flow, state);

-- Messages page: the newest first without sorting the table; delivered and failed per hour for the chart.
CREATE INDEX message_updated ON message (updated_at, state);

-- Systems page: each system's latest delivery and latest failure, one index look-up each.
CREATE INDEX tracking_event_system_type ON tracking_event (system_id, type, at);

-- Documents page: the latest documents sent and received first.
CREATE INDEX edxml_document_received ON edxml_document (received_at);
