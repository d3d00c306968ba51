-- What-ifs (issue 15): a draft rule version priced on the real ledger. The what-if job writes these
-- two tables only: the sandbox, never a claim, cap usage, event or outbox row.
CREATE TABLE what_if (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    period_from      DATE          NOT NULL,
    period_to        DATE          NOT NULL,
    draft            TEXT          NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    created_by       VARCHAR(64)   NOT NULL,
    created_at       DATETIME(3)   NOT NULL,
    PRIMARY KEY (id)
);

-- One row per trigger of the period: the claim under the current rules (before) and under the draft (after).
CREATE TABLE what_if_claim (
    what_if_id       BIGINT        NOT NULL,
    claim_id         VARCHAR(120)  NOT NULL,
    program          VARCHAR(16)   NOT NULL,
    bank_code        VARCHAR(16)   NOT NULL,
    uscc             CHAR(18)      NOT NULL,
    industry_code    VARCHAR(8)    NOT NULL,
    district         VARCHAR(8)    NOT NULL,
    trigger_date     DATE          NOT NULL,
    base_amount      DECIMAL(18,2) NOT NULL,
    before_status    VARCHAR(16)   NOT NULL,
    before_amount    DECIMAL(18,2) NOT NULL,
    before_reasons   VARCHAR(200)  NOT NULL,
    after_status     VARCHAR(16)   NOT NULL,
    after_amount     DECIMAL(18,2) NOT NULL,
    after_reasons    VARCHAR(200)  NOT NULL,
    PRIMARY KEY (what_if_id, claim_id),
    CONSTRAINT fk_what_if_claim FOREIGN KEY (what_if_id) REFERENCES what_if (id)
);
