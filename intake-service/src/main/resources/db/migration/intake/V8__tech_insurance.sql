-- 科技保险 (TECH_INSURANCE_PREMIUM, subsidy-rules.md §4a): insurers' own facts, from
-- tf.insurer.<insurerCode>.events.v1 (bank-events.md, "Insurers"). Policies are not tied to a loan,
-- so they have tables of their own, keyed by the insurer as the banks' tables are keyed by the bank
-- (bank and insurer codes are one namespace). Every row names its change-feed batch (V5), indexed
-- where the nightly discovery reads by it.

-- techpolicy.issued.v1; the firm as the insurer knew it when the policy was issued
CREATE TABLE tech_policy (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    insurer_code        VARCHAR(16)   NOT NULL,
    policy_no           VARCHAR(64)   NOT NULL,
    line                VARCHAR(32)   NOT NULL,
    uscc                CHAR(18)      NOT NULL,
    name                VARCHAR(200)  NOT NULL,
    industry_code       CHAR(4)       NOT NULL,
    registered_district CHAR(6)       NOT NULL,
    employees           INT           NOT NULL,
    annual_revenue      DECIMAL(18,2) NOT NULL,
    total_assets        DECIMAL(18,2) NOT NULL,
    insured_amount      DECIMAL(18,2) NOT NULL,
    premium             DECIMAL(18,2) NOT NULL,
    start_on            DATE          NOT NULL,
    end_on              DATE          NOT NULL,
    event_id            VARCHAR(128)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    recorded_at         DATETIME(3)   NOT NULL,
    batch_id            BIGINT        NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_tech_policy (insurer_code, policy_no),
    KEY ix_tech_policy_uscc (uscc),
    KEY ix_tech_policy_batch (batch_id)
);

-- the firm's qualifications as listed in techpolicy.issued.v1's firm
CREATE TABLE tech_policy_qualification (
    id                 BIGINT      NOT NULL AUTO_INCREMENT,
    insurer_code       VARCHAR(16) NOT NULL,
    policy_no          VARCHAR(64) NOT NULL,
    qualification_type VARCHAR(16) NOT NULL,
    cert_no            VARCHAR(64) NOT NULL,
    valid_from         DATE        NOT NULL,
    valid_to           DATE        NOT NULL,
    batch_id           BIGINT      NOT NULL,
    PRIMARY KEY (id),
    KEY ix_tech_qualification_policy (insurer_code, policy_no)
);

-- techpolicy.premium-paid.v1 (several per policy: instalments)
CREATE TABLE tech_premium_payment (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    insurer_code VARCHAR(16)   NOT NULL,
    policy_no    VARCHAR(64)   NOT NULL,
    amount       DECIMAL(18,2) NOT NULL,
    paid_on      DATE          NOT NULL,
    event_id     VARCHAR(128)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    recorded_at  DATETIME(3)   NOT NULL,
    batch_id     BIGINT        NOT NULL,
    PRIMARY KEY (id),
    KEY ix_tech_premium_policy (insurer_code, policy_no),
    KEY ix_tech_premium_batch (batch_id)
);

-- techpolicy.cancelled.v1 (at most one per policy)
CREATE TABLE tech_policy_cancellation (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    insurer_code VARCHAR(16)  NOT NULL,
    policy_no    VARCHAR(64)  NOT NULL,
    cancelled_on DATE         NOT NULL,
    event_id     VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    recorded_at  DATETIME(3)  NOT NULL,
    batch_id     BIGINT       NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_tech_cancellation (insurer_code, policy_no),
    KEY ix_tech_cancellation_batch (batch_id)
);
