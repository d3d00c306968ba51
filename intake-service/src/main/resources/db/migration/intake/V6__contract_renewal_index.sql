-- The nightly job reads, for a chunk of approvals at once, the contracts that renew theirs
-- (无还本续贷): loan_contract by (bank_code, renewal_of), which no index covered (a full scan per chunk).
CREATE INDEX ix_contract_renewal ON loan_contract (bank_code, renewal_of);
