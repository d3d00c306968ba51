-- An event is identified by (source, id), its id compared exactly, as intake compares it in memory.
-- Under the server's collation (utf8mb4_unicode_ci here, utf8mb4_0900_ai_ci by default on MySQL 8.4)
-- ids that differ only in case or accents ("e1", "E1", "e1" + U+0301) were equal to the unique key
-- but not to intake, so the second one's insert failed on every retry: the consumer stalled for the
-- record-retry window, went through its batch one record at a time, and rejected a valid event as
-- INTERNAL. Binary, they are distinct events, as the contract has them. (A binary collation still
-- pads with spaces, so "e1 " equals "e1": the contract refuses an id ending in a space.) The
-- columns joined on event_id change together.
ALTER TABLE intake_event MODIFY event_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE parked_event MODIFY event_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE intake_dead_letter MODIFY event_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;
