-- The transactional outbox (module outbox), the same tables in every service's schema that
-- publishes through it. Applied by the outbox's auto-configuration with a history table of its own,
-- outbox_schema_history, so its versions never collide with the service's migrations.

-- Kafka records written in the same transaction as the change that caused them, relayed after
-- commit. One row carries the records of one append (a consumed batch), so the outbox costs one
-- insert per batch. A relay claims the oldest rows with a lease before it sends them: lease_owner is
-- the relay instance, lease_until (the database's UTC time) when another relay may take the rows over.
CREATE TABLE outbox_batch (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    records      MEDIUMBLOB  NOT NULL,
    record_count INT         NOT NULL,
    created_at   DATETIME(3) NOT NULL,
    lease_owner  VARCHAR(64) NULL,
    lease_until  DATETIME(3) NULL,
    PRIMARY KEY (id)
);

-- Records Kafka will never take (too large for the broker, a refused topic name), set aside with
-- the reason so that they do not hold back the records behind them.
CREATE TABLE outbox_parked (
    id        BIGINT       NOT NULL AUTO_INCREMENT,
    topic     VARCHAR(249) NOT NULL,
    records   MEDIUMBLOB   NOT NULL,
    reason    TEXT         NOT NULL,
    parked_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (id)
);
