-- The claim lifecycle after COMPUTED (subsidy-rules.md §5): publication (公示), confirmation,
-- settlement (maker–checker), payment instructions, budget, reconciliation, clawback, audit trail.
-- Kept to the SQL that MySQL 8.4 and MariaDB 11.4 both accept.

-- A published claim's date and list, and the payee its firm confirmed. confirmation_deadline
-- (V2) is the claim's confirmBy.
ALTER TABLE claim
    ADD COLUMN published_on   DATE         NULL,
    ADD COLUMN publication_id BIGINT       NULL,
    ADD COLUMN payee_name     VARCHAR(100) NULL,
    ADD COLUMN payee_account  VARCHAR(32)  NULL,
    ADD COLUMN payee_bank     VARCHAR(100) NULL,
    ADD KEY ix_claim_status (status, program, trigger_date);

-- One numbered list (公示名单) per programme and period, e.g. LYD_PREMIUM-2026-003.
CREATE TABLE publication (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    number       VARCHAR(40)   NOT NULL,
    program      VARCHAR(24)   NOT NULL,
    period_from  DATE          NOT NULL,
    period_to    DATE          NOT NULL,
    published_on DATE          NOT NULL,
    confirm_by   DATE          NOT NULL,
    claim_count  INT           NOT NULL,
    total        DECIMAL(18,2) NOT NULL,
    published_by VARCHAR(128)  NOT NULL,
    created_at   DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_publication_number (number)
);

-- The list as it was posted: the firm's name as the ledger knew it on the publication date.
CREATE TABLE publication_claim (
    publication_id BIGINT        NOT NULL,
    claim_id       VARCHAR(120)  NOT NULL,
    firm_name      VARCHAR(200)  NOT NULL,
    amount         DECIMAL(18,2) NOT NULL,
    PRIMARY KEY (publication_id, claim_id),
    UNIQUE KEY uk_publication_claim (claim_id)
);

-- The last list number given per programme and year: taking the next one locks its row until the
-- publication commits, so concurrent publications queue and never share a number (a refused
-- publication rolls its number back).
CREATE TABLE publication_counter (
    program      VARCHAR(24) NOT NULL,
    counter_year INT         NOT NULL,
    last_number  INT         NOT NULL,
    PRIMARY KEY (program, counter_year)
);

-- A settlement run: PREPARING (its job running) → PREPARED → APPROVED → RECONCILED.
CREATE TABLE settlement (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    program          VARCHAR(24)   NOT NULL,
    period_from      DATE          NOT NULL,
    period_to        DATE          NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    budget_year      INT           NOT NULL,
    claim_count      INT           NOT NULL,
    total            DECIMAL(18,2) NOT NULL,
    prepared_by      VARCHAR(128)  NOT NULL,
    prepared_on      DATE          NOT NULL,
    prepared_at      DATETIME(3)   NOT NULL,
    approved_by      VARCHAR(128)  NULL,
    approved_on      DATE          NULL,
    approved_at      DATETIME(3)   NULL,
    reconciled_by    VARCHAR(128)  NULL,
    reconciled_on    DATE          NULL,
    reconciled_at    DATETIME(3)   NULL,
    PRIMARY KEY (id),
    KEY ix_settlement_budget (program, budget_year)
);

-- The claims a settlement holds. open_claim_id is the claim id while this settlement is open for
-- it (unique: a claim is in at most one open settlement), NULL once closed for it. outcome: NULL
-- while open, PAID (reconciled paid), FAILED (payment failed or unmatched), LEFT_OUT (not
-- CONFIRMED any more at approval).
CREATE TABLE settlement_claim (
    settlement_id  BIGINT        NOT NULL,
    claim_id       VARCHAR(120)  NOT NULL,
    instruction_id VARCHAR(40)   NULL,
    amount         DECIMAL(18,2) NOT NULL,
    open_claim_id  VARCHAR(120)  NULL,
    outcome        VARCHAR(8)    NULL,
    PRIMARY KEY (settlement_id, claim_id),
    UNIQUE KEY uk_settlement_open_claim (open_claim_id),
    KEY ix_settlement_claim_claim (claim_id),
    KEY ix_settlement_claim_instruction (instruction_id)
);

-- One payment instruction per firm and payee account of a settlement; status from reconciliation.
CREATE TABLE payment_instruction (
    id             VARCHAR(40)   NOT NULL,
    settlement_id  BIGINT        NOT NULL,
    payee_uscc     CHAR(18)      NOT NULL,
    payee_name     VARCHAR(100)  NOT NULL,
    payee_account  VARCHAR(32)   NOT NULL,
    payee_bank     VARCHAR(100)  NOT NULL,
    amount         DECIMAL(18,2) NOT NULL,
    claim_count    INT           NOT NULL,
    status         VARCHAR(8)    NULL,
    bank_reference VARCHAR(64)   NULL,
    paid_on        DATE          NULL,
    PRIMARY KEY (id),
    KEY ix_instruction_settlement (settlement_id)
);

-- Each programme's annual budget per budget year (rule data; subsidy-rules.md §5, placeholders).
CREATE TABLE budget (
    program     VARCHAR(24)   NOT NULL,
    budget_year INT           NOT NULL,
    amount      DECIMAL(18,2) NOT NULL,
    PRIMARY KEY (program, budget_year)
);

INSERT INTO budget (program, budget_year, amount) VALUES
    ('LYD_PREMIUM', 2025, 100000000.00), ('HKZD_INTEREST', 2025, 300000000.00),
    ('LYD_PREMIUM', 2026, 100000000.00), ('HKZD_INTEREST', 2026, 300000000.00),
    ('LYD_PREMIUM', 2027, 100000000.00), ('HKZD_INTEREST', 2027, 300000000.00);

-- The audit trail: every change of a claim's state, who made it, when (wall time) and on which
-- business date; reference names the list or settlement it came with.
CREATE TABLE claim_transition (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    claim_id      VARCHAR(120) NOT NULL,
    claim_version BIGINT       NOT NULL,
    from_status   VARCHAR(16)  NULL,
    to_status     VARCHAR(16)  NOT NULL,
    actor         VARCHAR(128) NOT NULL,
    business_date DATE         NOT NULL,
    changed_at    DATETIME(3)  NOT NULL,
    reference     VARCHAR(64)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_claim_transition (claim_id, claim_version),
    KEY ix_claim_transition_date (business_date, id)
);

-- Policies on LYD loans the ledger reported cancelled (退保), as the night's discovery finds them. One
-- stays unprocessed until its approval's claim exists; then the night of cancelled_on (or the first
-- after) judges it against the claim's settlement date: on or before it, nothing (the premium never
-- counted); after it, CANCELLED before payment, CLAWBACK_DUE after.
CREATE TABLE cancelled_policy (
    bank_code    VARCHAR(16) NOT NULL,
    policy_no    VARCHAR(64) NOT NULL,
    approval_no  VARCHAR(64) NOT NULL,
    cancelled_on DATE        NOT NULL,
    processed    BOOLEAN     NOT NULL,
    PRIMARY KEY (bank_code, policy_no),
    KEY ix_cancelled_policy_pending (processed, cancelled_on)
);

-- An LYD claim found by its approval (a cancelled policy's claim, every night).
ALTER TABLE claim ADD KEY ix_claim_approval (bank_code, approval_no);
