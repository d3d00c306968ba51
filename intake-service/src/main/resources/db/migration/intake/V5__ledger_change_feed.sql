-- The ledger's change feed, read by subsidy-batch's nightly discovery (instead of a recorded_at
-- filter no index covered, with an overlap that missed any transaction committing later than it).
--
-- Every intake transaction that writes facts opens one ledger_batch row, and each fact row it
-- writes carries that batch's id. Just before it commits, the batch takes the next number of the
-- one-row counter ledger_sequence: the counter's row lock is held from there to the commit, so
-- numbers are handed out in commit order, gap-free (a rollback returns its number), and a reader
-- that sees last_seq = V knows that every batch numbered up to V has committed. Concurrent
-- transactions (several intake instances) serialize only that last step, not their work.

CREATE TABLE ledger_batch (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    -- NULL only inside its own transaction, until it commits
    seq        BIGINT      NULL,
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_ledger_batch_seq (seq)
);

CREATE TABLE ledger_sequence (
    id       TINYINT NOT NULL,
    last_seq BIGINT  NOT NULL,
    PRIMARY KEY (id)
);

-- The rows already in the ledger (none in a fresh schema) form batch 1, the counter's first number.
INSERT INTO ledger_batch (id, seq, created_at) VALUES (1, 1, UTC_TIMESTAMP(3));
INSERT INTO ledger_sequence (id, last_seq) VALUES (1, 1);

-- batch_id on every fact table; indexed where the nightly discovery reads by it.
ALTER TABLE loan_application     ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE firm_snapshot        ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE firm_qualification   ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE loan_rejection       ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE loan_approval        ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE loan_contract        ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1, ADD KEY ix_contract_batch (batch_id);
ALTER TABLE insurance_policy     ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1, ADD KEY ix_policy_batch (batch_id);
ALTER TABLE premium_payment      ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1, ADD KEY ix_premium_batch (batch_id);
ALTER TABLE policy_cancellation  ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1, ADD KEY ix_cancellation_batch (batch_id);
ALTER TABLE interest_payment     ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1, ADD KEY ix_interest_batch (batch_id);
ALTER TABLE principal_repayment  ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE loan_overdue         ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1, ADD KEY ix_overdue_batch (batch_id);
ALTER TABLE loan_settlement      ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1, ADD KEY ix_settlement_batch (batch_id);
ALTER TABLE loan_default         ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1, ADD KEY ix_default_batch (batch_id);
ALTER TABLE dishonesty_listing   ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1;
ALTER TABLE dishonesty_clearance ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 1;

-- from now on every insert names its batch
ALTER TABLE loan_application     ALTER COLUMN batch_id DROP DEFAULT;
ALTER TABLE firm_snapshot        ALTER COLUMN batch_id DROP DEFAULT;
ALTER TABLE firm_qualification   ALTER COLUMN batch_id DROP DEFAULT;
ALTER TABLE loan_rejection       ALTER COLUMN batch_id DROP DEFAULT;
ALTER TABLE loan_approval        ALTER COLUMN batch_id DROP DEFAULT;
ALTER TABLE loan_contract        ALTER COLUMN batch_id DROP DEFAULT;
ALTER TABLE insurance_policy     ALTER COLUMN batch_id DROP DEFAULT;
ALTER TABLE premium_payment      ALTER COLUMN batch_id DROP DEFAULT;
ALTER TABLE policy_cancellation  ALTER COLUMN batch_id DROP DEFAULT;
ALTER TABLE interest_payment     ALTER COLUMN batch_id DROP DEFAULT;
ALTER TABLE principal_repayment  ALTER COLUMN batch_id DROP DEFAULT;
ALTER TABLE loan_overdue         ALTER COLUMN batch_id DROP DEFAULT;
ALTER TABLE loan_settlement      ALTER COLUMN batch_id DROP DEFAULT;
ALTER TABLE loan_default         ALTER COLUMN batch_id DROP DEFAULT;
ALTER TABLE dishonesty_listing   ALTER COLUMN batch_id DROP DEFAULT;
ALTER TABLE dishonesty_clearance ALTER COLUMN batch_id DROP DEFAULT;
