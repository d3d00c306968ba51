-- intake-service's ledger: every inbound record's outcome, and the accepted facts normalized.
-- Kept to the SQL that MySQL 8.4 (production) and MariaDB 11.4 (tests, local run) both accept.
-- Times are UTC; business dates are DATE as the banks sent them (Asia/Shanghai).

-- One row per identifiable inbound event: its outcome, and its raw bytes for audit.
-- fact_key names the document or one-off fact the event established (CONTRACT:C-001,
-- SETTLEMENT:C-001, INTEREST:C-001#3, …); unique per source, so it both answers "does the parent
-- exist?" and refuses a second event for the same fact.
CREATE TABLE intake_event (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    source          VARCHAR(32)  NOT NULL,
    event_id        VARCHAR(128) NOT NULL,
    event_type      VARCHAR(48)  NULL,
    event_time      DATETIME(3)  NULL,
    status          VARCHAR(16)  NOT NULL,
    fact_key        VARCHAR(100) NULL,
    violations      TEXT         NULL,
    kafka_topic     VARCHAR(64)  NOT NULL,
    kafka_partition INT          NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    payload         MEDIUMBLOB   NOT NULL,
    received_at     DATETIME(3)  NOT NULL,
    decided_at      DATETIME(3)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_intake_event_source_id (source, event_id),
    UNIQUE KEY uk_intake_event_fact (source, fact_key)
);

-- Events held until the document they refer to arrives (child before parent).
CREATE TABLE parked_event (
    source          VARCHAR(32) NOT NULL,
    event_id        VARCHAR(128) NOT NULL,
    awaiting_key    VARCHAR(100) NOT NULL,
    awaiting_field  VARCHAR(64) NOT NULL,
    parked_at       DATETIME(3) NOT NULL,
    PRIMARY KEY (source, event_id),
    KEY ix_parked_awaiting (source, awaiting_key),
    KEY ix_parked_at (parked_at)
);

-- Records that could not be read at all (no JSON, no id): kept byte for byte, once per offset.
CREATE TABLE intake_dead_letter (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    kafka_topic     VARCHAR(64)  NOT NULL,
    kafka_partition INT          NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    record_key      VARCHAR(128) NULL,
    violations      TEXT         NOT NULL,
    payload         MEDIUMBLOB   NOT NULL,
    received_at     DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_dead_letter_offset (kafka_topic, kafka_partition, kafka_offset)
);

-- The transactional outbox's tables (outbox_batch, outbox_parked) come with the outbox module's own
-- migrations (db/migration/outbox, history table outbox_schema_history). They were created here
-- until 0.1.0-SNAPSHOT, and this migration was edited in place: the project is pre-release, with
-- no deployed database (the local run recreates its schemas at every run).

-- ---- the ledger: accepted facts, one table per kind; numbers are unique within a bank ----

CREATE TABLE loan_application (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    bank_code        VARCHAR(16)   NOT NULL,
    application_no   VARCHAR(64)   NOT NULL,
    program          VARCHAR(8)    NOT NULL,
    first_loan       BOOLEAN       NOT NULL,
    credit_loan      BOOLEAN       NOT NULL,
    requested_amount DECIMAL(18,2) NOT NULL,
    term_months      INT           NOT NULL,
    uscc             CHAR(18)      NOT NULL,
    applied_at       DATETIME(3)   NOT NULL,
    event_id         VARCHAR(128)  NOT NULL,
    recorded_at      DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_application (bank_code, application_no),
    KEY ix_application_uscc (uscc)
);

-- What the bank knew of the firm when it applied; a claim uses its own application's snapshot.
CREATE TABLE firm_snapshot (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    bank_code           VARCHAR(16)   NOT NULL,
    application_no      VARCHAR(64)   NOT NULL,
    uscc                CHAR(18)      NOT NULL,
    name                VARCHAR(200)  NOT NULL,
    industry_code       CHAR(4)       NOT NULL,
    registered_district CHAR(6)       NOT NULL,
    employees           INT           NOT NULL,
    annual_revenue      DECIMAL(18,2) NOT NULL,
    total_assets        DECIMAL(18,2) NOT NULL,
    event_id            VARCHAR(128)  NOT NULL,
    recorded_at         DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_firm_snapshot (bank_code, application_no),
    KEY ix_firm_snapshot_uscc (uscc)
);

CREATE TABLE firm_qualification (
    id                 BIGINT      NOT NULL AUTO_INCREMENT,
    bank_code          VARCHAR(16) NOT NULL,
    application_no     VARCHAR(64) NOT NULL,
    qualification_type VARCHAR(16) NOT NULL,
    cert_no            VARCHAR(64) NOT NULL,
    valid_from         DATE        NOT NULL,
    valid_to           DATE        NOT NULL,
    PRIMARY KEY (id),
    KEY ix_qualification_application (bank_code, application_no)
);

CREATE TABLE loan_rejection (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    bank_code      VARCHAR(16)  NOT NULL,
    application_no VARCHAR(64)  NOT NULL,
    reason         VARCHAR(500) NOT NULL,
    rejected_at    DATETIME(3)  NOT NULL,
    event_id       VARCHAR(128) NOT NULL,
    recorded_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_rejection (bank_code, application_no)
);

-- 批复: may be drawn in several contracts (tranches).
CREATE TABLE loan_approval (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    bank_code       VARCHAR(16)   NOT NULL,
    approval_no     VARCHAR(64)   NOT NULL,
    application_no  VARCHAR(64)   NOT NULL,
    approved_amount DECIMAL(18,2) NOT NULL,
    approved_at     DATETIME(3)   NOT NULL,
    event_id        VARCHAR(128)  NOT NULL,
    recorded_at     DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_approval (bank_code, approval_no),
    KEY ix_approval_application (bank_code, application_no)
);

-- renewal_of: the contract this one renews without repayment of principal (无还本续贷).
CREATE TABLE loan_contract (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    bank_code   VARCHAR(16)   NOT NULL,
    contract_no VARCHAR(64)   NOT NULL,
    approval_no VARCHAR(64)   NOT NULL,
    principal   DECIMAL(18,2) NOT NULL,
    annual_rate DECIMAL(9,6)  NOT NULL,
    lpr1y       DECIMAL(9,6)  NOT NULL,
    disbursed_on DATE         NOT NULL,
    maturity_on  DATE         NOT NULL,
    renewal_of  VARCHAR(64)   NULL,
    event_id    VARCHAR(128)  NOT NULL,
    recorded_at DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_contract (bank_code, contract_no),
    KEY ix_contract_approval (bank_code, approval_no)
);

CREATE TABLE insurance_policy (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    bank_code      VARCHAR(16)   NOT NULL,
    policy_no      VARCHAR(64)   NOT NULL,
    insurer_code   VARCHAR(64)   NOT NULL,
    contract_no    VARCHAR(64)   NOT NULL,
    insured_amount DECIMAL(18,2) NOT NULL,
    premium_rate   DECIMAL(9,6)  NOT NULL,
    premium        DECIMAL(18,2) NOT NULL,
    issued_on      DATE          NOT NULL,
    event_id       VARCHAR(128)  NOT NULL,
    recorded_at    DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_policy (bank_code, policy_no),
    KEY ix_policy_contract (bank_code, contract_no)
);

CREATE TABLE premium_payment (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    bank_code   VARCHAR(16)   NOT NULL,
    policy_no   VARCHAR(64)   NOT NULL,
    amount      DECIMAL(18,2) NOT NULL,
    paid_on     DATE          NOT NULL,
    event_id    VARCHAR(128)  NOT NULL,
    recorded_at DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_premium_policy (bank_code, policy_no)
);

CREATE TABLE policy_cancellation (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    bank_code    VARCHAR(16)  NOT NULL,
    policy_no    VARCHAR(64)  NOT NULL,
    cancelled_on DATE         NOT NULL,
    event_id     VARCHAR(128) NOT NULL,
    recorded_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_cancellation (bank_code, policy_no)
);

CREATE TABLE interest_payment (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    bank_code       VARCHAR(16)   NOT NULL,
    contract_no     VARCHAR(64)   NOT NULL,
    installment_no  INT           NOT NULL,
    period_start    DATE          NOT NULL,
    period_end      DATE          NOT NULL,
    interest_amount DECIMAL(18,2) NOT NULL,
    due_on          DATE          NOT NULL,
    paid_on         DATE          NOT NULL,
    event_id        VARCHAR(128)  NOT NULL,
    recorded_at     DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_interest (bank_code, contract_no, installment_no)
);

CREATE TABLE principal_repayment (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    bank_code   VARCHAR(16)   NOT NULL,
    contract_no VARCHAR(64)   NOT NULL,
    amount      DECIMAL(18,2) NOT NULL,
    due_on      DATE          NOT NULL,
    paid_on     DATE          NOT NULL,
    event_id    VARCHAR(128)  NOT NULL,
    recorded_at DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_principal_contract (bank_code, contract_no)
);

CREATE TABLE loan_overdue (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    bank_code      VARCHAR(16)   NOT NULL,
    contract_no    VARCHAR(64)   NOT NULL,
    due_on         DATE          NOT NULL,
    overdue_amount DECIMAL(18,2) NOT NULL,
    event_id       VARCHAR(128)  NOT NULL,
    recorded_at    DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_overdue_contract (bank_code, contract_no)
);

CREATE TABLE loan_settlement (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    bank_code   VARCHAR(16)  NOT NULL,
    contract_no VARCHAR(64)  NOT NULL,
    settled_on  DATE         NOT NULL,
    event_id    VARCHAR(128) NOT NULL,
    recorded_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_settlement (bank_code, contract_no)
);

CREATE TABLE loan_default (
    id                    BIGINT        NOT NULL AUTO_INCREMENT,
    bank_code             VARCHAR(16)   NOT NULL,
    contract_no           VARCHAR(64)   NOT NULL,
    defaulted_on          DATE          NOT NULL,
    outstanding_principal DECIMAL(18,2) NOT NULL,
    outstanding_interest  DECIMAL(18,2) NOT NULL,
    event_id              VARCHAR(128)  NOT NULL,
    recorded_at           DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_default (bank_code, contract_no)
);

-- 严重失信 list, fed by the credit platform.
CREATE TABLE dishonesty_listing (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    uscc        CHAR(18)     NOT NULL,
    listed_on   DATE         NOT NULL,
    event_id    VARCHAR(128) NOT NULL,
    recorded_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_listing_uscc (uscc)
);

CREATE TABLE dishonesty_clearance (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    uscc        CHAR(18)     NOT NULL,
    cleared_on  DATE         NOT NULL,
    event_id    VARCHAR(128) NOT NULL,
    recorded_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_clearance_uscc (uscc)
);
