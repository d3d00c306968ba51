-- The defaults of subsidy-rules.md, as the first version of the rule data. Values marked
-- placeholder there (LYD tech-service ratio 0.70, the caps) are kept as parameters: change them by
-- adding a version with a later effective_from, never by editing this one.
INSERT INTO rule_version (version, effective_from, effective_to, tech_service_from, tech_service_industry_prefixes,
    qualifying_qualification_types, sme_max_employees, sme_max_annual_revenue, sme_max_total_assets, lyd_ratio,
    lyd_tech_service_ratio, subsidy_year_start, first_subsidy_year, lyd_cap_per_subsidy_year, hkzd_ratio,
    hkzd_first_loan_ratio, rate_cap_multiplier, hkzd_cap_per_calendar_year, hkzd_lifetime_cap, confirmation_working_days)
VALUES ('2025.1', '2023-07-01', NULL, '2025-05-22', '73,74,75', 'HNTE,TSME,LITTLE_GIANT,SRDI,SRDI_GIANT', 500,
    200000000.00, 200000000.00, 0.50, 0.70, '09-01', 2025, 500000.00, 0.50, 0.70, 1.400000, 1000000.00, 3000000.00, 3);
