-- 科技保险 policies cancelled (techpolicy.cancelled.v1) wait in cancelled_policy beside the LYD loans'
-- policies: the insurer's code in bank_code (bank and insurer codes are one namespace, so the key
-- stays unique) and the policyNo in approval_no, as its claim holds them. The programme says which
-- rule judges the cancellation (subsidy-rules.md §3 for LYD, §4a for TECH_INSURANCE_PREMIUM).
ALTER TABLE cancelled_policy ADD COLUMN program VARCHAR(16) NOT NULL DEFAULT 'LYD';
