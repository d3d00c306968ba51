-- TECH_INSURANCE_PREMIUM, 科技保险保费补贴 (subsidy-rules.md §4a): its parameters join every rule
-- version. The defaults are the document's placeholders, so that the versions already recorded
-- (2025.1) carry them; a change is a new version with a later effective_from, as in V3.
ALTER TABLE rule_version
    ADD COLUMN tech_insurance_covered_lines VARCHAR(200) NOT NULL
        DEFAULT 'RD_EXPENSE_LOSS,DELIVERY_ASSURANCE,THIRD_PARTY_LIABILITY,KEY_EQUIPMENT',
    ADD COLUMN tech_insurance_ratio DECIMAL(5,4) NOT NULL DEFAULT 0.50,
    ADD COLUMN tech_insurance_cap_per_policy DECIMAL(18,2) NOT NULL DEFAULT 500000.00,
    ADD COLUMN tech_insurance_cap_per_calendar_year DECIMAL(18,2) NOT NULL DEFAULT 1000000.00;

-- Its annual budget (§5, placeholder), for the budget years the other programmes have.
INSERT INTO budget (program, budget_year, amount) VALUES
    ('TECH_INSURANCE_PREMIUM', 2025, 50000000.00),
    ('TECH_INSURANCE_PREMIUM', 2026, 50000000.00),
    ('TECH_INSURANCE_PREMIUM', 2027, 50000000.00);
