-- edXML DocumentIds (up to 200 characters, see the validator) are also correlation ids and ordering groups:
-- every column that holds one must take them, or the tracking writer would fail on a long one for ever.
ALTER TABLE message ALTER COLUMN correlation_id SET DATA TYPE VARCHAR(200);
ALTER TABLE dead_letter ALTER COLUMN correlation_id SET DATA TYPE VARCHAR(200);
ALTER TABLE delivery_hold ALTER COLUMN group_id SET DATA TYPE VARCHAR(200);
