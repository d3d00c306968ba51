-- The nightly discovery reads intake's change feed (intake migration V5) instead of recorded_at:
-- the watermark is now the sequence number of the last ledger batch read, one row. A watermark
-- kept as a time restarts from 0, so the next night reads the whole ledger once (claim units are
-- keyed: a re-read changes nothing).
DROP TABLE ledger_watermark;

CREATE TABLE ledger_watermark (
    id           TINYINT NOT NULL,
    read_through BIGINT  NOT NULL,
    PRIMARY KEY (id),
    CHECK (id = 1)
);

INSERT INTO ledger_watermark (id, read_through) VALUES (1, 0);
