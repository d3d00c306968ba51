-- subsidy-batch's own tables. It reads intake's ledger read-only and writes only these.
-- Kept to the SQL that MySQL 8.4 and MariaDB 11.4 both accept.

-- Versioned rule data (subsidy-rules.md: every number is a parameter with effective dates).
CREATE TABLE rule_version (
    version                        VARCHAR(32)   NOT NULL,
    effective_from                 DATE          NOT NULL,
    effective_to                   DATE          NULL,
    tech_service_from              DATE          NOT NULL,
    tech_service_industry_prefixes VARCHAR(200)  NOT NULL,
    qualifying_qualification_types VARCHAR(200)  NOT NULL,
    sme_max_employees              INT           NOT NULL,
    sme_max_annual_revenue         DECIMAL(18,2) NOT NULL,
    sme_max_total_assets           DECIMAL(18,2) NOT NULL,
    lyd_ratio                      DECIMAL(5,4)  NOT NULL,
    lyd_tech_service_ratio         DECIMAL(5,4)  NOT NULL,
    subsidy_year_start             CHAR(5)       NOT NULL,
    first_subsidy_year             INT           NOT NULL,
    lyd_cap_per_subsidy_year       DECIMAL(18,2) NOT NULL,
    hkzd_ratio                     DECIMAL(5,4)  NOT NULL,
    hkzd_first_loan_ratio          DECIMAL(5,4)  NOT NULL,
    rate_cap_multiplier            DECIMAL(9,6)  NOT NULL,
    hkzd_cap_per_calendar_year     DECIMAL(18,2) NOT NULL,
    hkzd_lifetime_cap              DECIMAL(18,2) NOT NULL,
    confirmation_working_days      INT           NOT NULL,
    PRIMARY KEY (version)
);

-- A possible claim the ledger has shown: an LYD approval or an HKZD interest instalment.
-- PENDING: to be computed once due_on (the trigger date, when known) is reached;
-- WAITING: not triggered and no trigger date known until a new fact arrives;
-- CLAIMED: its claim exists. Units are found incrementally from the ledger's new rows.
CREATE TABLE claim_unit (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    program        VARCHAR(16)  NOT NULL,
    bank_code      VARCHAR(16)  NOT NULL,
    unit_no        VARCHAR(80)  NOT NULL,
    uscc           CHAR(18)     NOT NULL,
    approval_no    VARCHAR(64)  NOT NULL,
    contract_no    VARCHAR(64)  NULL,
    installment_no INT          NULL,
    state          VARCHAR(8)   NOT NULL,
    due_on         DATE         NULL,
    discovered_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_claim_unit (program, bank_code, unit_no),
    KEY ix_claim_unit_state (state, due_on)
);

CREATE TABLE claim (
    id                    BIGINT        NOT NULL AUTO_INCREMENT,
    claim_id              VARCHAR(120)  NOT NULL,
    program               VARCHAR(16)   NOT NULL,
    bank_code             VARCHAR(16)   NOT NULL,
    uscc                  CHAR(18)      NOT NULL,
    application_no        VARCHAR(64)   NOT NULL,
    approval_no           VARCHAR(64)   NOT NULL,
    contract_no           VARCHAR(64)   NULL,
    installment_no        INT           NULL,
    trigger_date          DATE          NOT NULL,
    base_amount           DECIMAL(18,2) NOT NULL,
    ratio                 DECIMAL(5,4)  NOT NULL,
    amount                DECIMAL(18,2) NOT NULL,
    status                VARCHAR(16)   NOT NULL,
    reasons               VARCHAR(200)  NOT NULL,
    rule_version          VARCHAR(32)   NOT NULL,
    version               BIGINT        NOT NULL,
    computed_for          DATE          NOT NULL,
    confirmation_deadline DATE          NULL,
    created_at            DATETIME(3)   NOT NULL,
    updated_at            DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_claim_id (claim_id),
    KEY ix_claim_uscc (uscc),
    KEY ix_claim_trigger (trigger_date),
    KEY ix_claim_contract (bank_code, contract_no)
);

-- What each firm's claims took from each cap, across nightly runs (cancelled claims keep theirs).
CREATE TABLE cap_usage (
    bucket_kind VARCHAR(24)   NOT NULL,
    uscc        CHAR(18)      NOT NULL,
    period      VARCHAR(16)   NOT NULL,
    allocated   DECIMAL(18,2) NOT NULL,
    PRIMARY KEY (bucket_kind, uscc, period)
);

-- Contracts the ledger reported defaulted, until their unpaid claims are cancelled.
CREATE TABLE defaulted_contract (
    bank_code    VARCHAR(16) NOT NULL,
    contract_no  VARCHAR(64) NOT NULL,
    defaulted_on DATE        NOT NULL,
    processed    BOOLEAN     NOT NULL,
    PRIMARY KEY (bank_code, contract_no)
);

-- How far each ledger table has been read (its recorded_at), for incremental nights.
CREATE TABLE ledger_watermark (
    ledger_table VARCHAR(32) NOT NULL,
    recorded_at  DATETIME(3) NOT NULL,
    PRIMARY KEY (ledger_table)
);

-- Claim events go to tf.subsidy.claims.v1 through the transactional outbox, whose tables
-- (outbox_batch, outbox_parked) come with the outbox module's own migrations (db/migration/outbox,
-- history table outbox_schema_history). They were created here until 0.1.0-SNAPSHOT, and this
-- migration was edited in place: the project is pre-release, with no deployed database (the local
-- run recreates its schemas at every run).
