-- intake_dead_letter keeps every record intake could not process, not only the unreadable ones:
-- also a record that failed on its own (a row the ledger refuses, a fault of ours), rejected to its
-- bank as INTERNAL, and a parked event whose stored payload no longer decodes. For the operator:
-- the sender and event id when they could be read, the raw key bytes (record_key is cut to fit),
-- and the failure as it happened.
ALTER TABLE intake_dead_letter
    ADD COLUMN source    VARCHAR(32)  NULL,
    ADD COLUMN event_id  VARCHAR(128) NULL,
    ADD COLUMN key_bytes MEDIUMBLOB   NULL,
    ADD COLUMN failure   TEXT         NULL;
