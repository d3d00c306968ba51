-- unreadable_record becomes dead_letter: besides records that are no readable outcome or claim, it
-- keeps records that were read but failed on their own (a delivery the ledger refuses), so that
-- one such record never blocks its partition. With the raw record key, the result id when it
-- could be read, and the topic as wide as Kafka allows.
RENAME TABLE unreadable_record TO dead_letter;

ALTER TABLE dead_letter
    MODIFY COLUMN kafka_topic VARCHAR(249) NOT NULL,
    ADD COLUMN record_key MEDIUMBLOB   NULL,
    ADD COLUMN event_id   VARCHAR(255) NULL;
