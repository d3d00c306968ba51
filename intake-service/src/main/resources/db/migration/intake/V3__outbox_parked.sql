-- Outbox records Kafka will never take (too large for the broker, a refused topic name), set aside
-- with the reason so that they do not hold back the records behind them (module outbox).
CREATE TABLE outbox_parked (
    id        BIGINT       NOT NULL AUTO_INCREMENT,
    topic     VARCHAR(249) NOT NULL,
    records   MEDIUMBLOB   NOT NULL,
    reason    TEXT         NOT NULL,
    parked_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (id)
);
