-- notifier's own tables: the delivery ledger and what recipients registered.
-- Kept to the SQL that MySQL 8.4 (production) and MariaDB 11.4 (tests, local run) both accept.
-- Times are UTC.

-- One row per (recipient, channel, event): written PENDING in the transaction that consumed the
-- outcome or claim event, so a replayed Kafka record finds its row and adds nothing; the
-- dispatcher moves it to DELIVERED (once), PARKED (retry budget spent, or refused for good;
-- an officer may redeliver it) or NO_CONTACT (no address registered yet; registering resumes it).
CREATE TABLE delivery (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    recipient       VARCHAR(64)   NOT NULL,  -- bank code, or the firm's USCC
    channel         VARCHAR(16)   NOT NULL,  -- KAFKA, WEBHOOK, EMAIL
    event_id        VARCHAR(255)  NOT NULL,  -- the result's CloudEvents id: the idempotency key
    payload         MEDIUMBLOB    NOT NULL,  -- the result as sent (CloudEvent JSON)
    status          VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL,  -- outbound calls made, in all
    budget_spent    INT           NOT NULL,  -- calls since recorded or redelivered: parked at the retry budget
    next_attempt_at DATETIME(3)   NOT NULL,  -- due time; while dispatching, the end of the lease
    last_error      VARCHAR(1000) NULL,
    created_at      DATETIME(3)   NOT NULL,
    delivered_at    DATETIME(3)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_delivery (recipient, channel, event_id),
    KEY ix_delivery_due (status, next_attempt_at)
);

-- A bank's webhook (银行回调地址). The secret signs requests (HMAC-SHA256), so it is kept
-- as given; production encrypts this column at rest.
CREATE TABLE bank_webhook (
    bank_code     VARCHAR(16)   NOT NULL,
    url           VARCHAR(2048) NOT NULL,
    key_id        VARCHAR(64)   NOT NULL,
    secret        VARCHAR(255)  NOT NULL,
    registered_at DATETIME(3)   NOT NULL,
    PRIMARY KEY (bank_code)
);

-- Where a firm wants its notices (企业联系邮箱): bank events carry no contact details.
CREATE TABLE firm_contact (
    uscc          CHAR(18)      NOT NULL,
    email         VARCHAR(254)  NOT NULL,
    registered_at DATETIME(3)   NOT NULL,
    PRIMARY KEY (uscc)
);

-- Consumed records that are not a readable outcome or claim: kept for the operator, once per
-- offset, so that one bad record never blocks its partition.
CREATE TABLE unreadable_record (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    kafka_topic     VARCHAR(64)   NOT NULL,
    kafka_partition INT           NOT NULL,
    kafka_offset    BIGINT        NOT NULL,
    problem         VARCHAR(1000) NOT NULL,
    payload         MEDIUMBLOB    NULL,
    received_at     DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_unreadable_offset (kafka_topic, kafka_partition, kafka_offset)
);
