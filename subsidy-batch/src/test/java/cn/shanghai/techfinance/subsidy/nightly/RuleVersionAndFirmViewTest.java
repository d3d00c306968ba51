package cn.shanghai.techfinance.subsidy.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.EndToEndTest;
import cn.shanghai.techfinance.subsidy.LoanStoriesAccess;
import cn.shanghai.techfinance.subsidy.api.FirmClaimsController.FirmClaimView;
import cn.shanghai.techfinance.subsidy.api.FirmClaimsController.ReasonView;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.RuleDataStore;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.TechInsuranceParameters;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/**
 * subsidy-rules.md: every number is a parameter with effective dates, and a claim is computed with the
 * version in force on its trigger date; and the firm's own view of its claims (GET
 * /api/v1/firms/{uscc}/claims) over real HTTP, reasons in Chinese and English.
 *
 * <p>The schema and the ledger are shared with the other end-to-end classes, whose nights end on
 * 2027-03-15: this class only closes 2025.1 at 2027-12-31, adds 2028.1 from 2028-01-01, and uses
 * its own bank code, firms and event dates from 2027-11-21 on (trigger dates from 2027-12-31).
 */
class RuleVersionAndFirmViewTest extends EndToEndTest {

    private static final String BANK = "RULES-SH";
    private static final int FIRM_OLD_VERSION = 9_280_001;
    private static final int FIRM_NEW_VERSION = 9_280_002;
    private static final int FIRM_NOT_SHANGHAI = 9_280_003;

    @Autowired
    NightlyRuns runs;

    @Autowired
    RuleDataStore ruleData;

    @Test
    void theTechInsuranceRuleDataAndBudgetOfV9AreTheDocumentsValues() {
        RuleParameters version = ruleData.versions().forTriggerDate(LocalDate.of(2026, 6, 1)).orElseThrow();

        assertThat(version.version()).isEqualTo("2025.1");
        TechInsuranceParameters techInsurance = version.techInsurance();
        assertThat(techInsurance.coveredLines())
                .containsExactlyInAnyOrder("RD_EXPENSE_LOSS", "DELIVERY_ASSURANCE", "THIRD_PARTY_LIABILITY", "KEY_EQUIPMENT");
        assertThat(techInsurance.ratio()).isEqualByComparingTo("0.50");
        assertThat(techInsurance.capPerPolicy()).isEqualByComparingTo("500000.00");
        assertThat(techInsurance.capPerCalendarYear()).isEqualByComparingTo("1000000.00");
        assertThat(jdbc.queryForObject("SELECT amount FROM budget WHERE program = 'TECH_INSURANCE_PREMIUM' AND budget_year = 2026",
                BigDecimal.class)).isEqualByComparingTo("50000000.00");
    }

    @Test
    void parameterChangeAppliesFromItsEffectiveDateAndFirmsSeeTheirClaimsWithReasons() {
        // a parameter change effective from 2028-01-01: 2025.1 closes, 2028.1 raises the LYD ratio to 0.60
        jdbc.update("UPDATE rule_version SET effective_to = '2027-12-31' WHERE version = '2025.1'");
        jdbc.update("DELETE FROM rule_version WHERE version = '2028.1'");
        jdbc.update("""
                INSERT INTO rule_version (version, effective_from, effective_to, tech_service_from,
                    tech_service_industry_prefixes, qualifying_qualification_types, sme_max_employees,
                    sme_max_annual_revenue, sme_max_total_assets, lyd_ratio, lyd_tech_service_ratio, subsidy_year_start,
                    first_subsidy_year, lyd_cap_per_subsidy_year, hkzd_ratio, hkzd_first_loan_ratio, rate_cap_multiplier,
                    hkzd_cap_per_calendar_year, hkzd_lifetime_cap, confirmation_working_days)
                SELECT '2028.1', '2028-01-01', NULL, tech_service_from,
                    tech_service_industry_prefixes, qualifying_qualification_types, sme_max_employees,
                    sme_max_annual_revenue, sme_max_total_assets, 0.60, lyd_tech_service_ratio, subsidy_year_start,
                    first_subsidy_year, lyd_cap_per_subsidy_year, hkzd_ratio, hkzd_first_loan_ratio, rate_cap_multiplier,
                    hkzd_cap_per_calendar_year, hkzd_lifetime_cap, confirmation_working_days
                FROM rule_version WHERE version = '2025.1'""");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rule_version WHERE version = '2028.1'", Integer.class)).isEqualTo(1);

        sendAndAwaitAccepted(LoanStoriesAccess.ruleVersionLoans(BANK, FIRM_OLD_VERSION, FIRM_NEW_VERSION, FIRM_NOT_SHANGHAI));

        // night of 2027-12-31: the loan settled that day, under 2025.1; the 2028 settlements not yet
        // all three firms are read; only P-rv1 settled by then, the other two wait for their settlement date
        NightlySteps.of(runs.runToEnd(LocalDate.of(2027, 12, 31))).completedCleanly(2)
                .counts(NightlySteps.COMPUTE, 3, 3, 0).counts(NightlySteps.TRANSITIONS, 0, 0, 0);
        Map<String, Map<String, Object>> claims = claimsOf(BANK);
        assertThat(claims.keySet()).containsExactly(lyd("P-rv1"));
        assertClaim(claims.get(lyd("P-rv1")), "COMPUTED", "2025.1", "0.5000", "22500.00", "", "2027-12-31");

        // night of 2028-01-02: the loans settled that day, under 2028.1
        NightlySteps.of(runs.runToEnd(LocalDate.of(2028, 1, 2))).completedCleanly(2)
                .counts(NightlySteps.COMPUTE, 2, 2, 0).counts(NightlySteps.TRANSITIONS, 0, 0, 0);
        claims = claimsOf(BANK);
        assertThat(claims.keySet()).containsExactlyInAnyOrder(lyd("P-rv1"), lyd("P-rv2"), lyd("P-rv3"));
        assertClaim(claims.get(lyd("P-rv1")), "COMPUTED", "2025.1", "0.5000", "22500.00", "", "2027-12-31");
        assertClaim(claims.get(lyd("P-rv2")), "COMPUTED", "2028.1", "0.6000", "27000.00", "", "2028-01-02");
        assertClaim(claims.get(lyd("P-rv3")), "INELIGIBLE", "2028.1", "0.6000", "0.00", "NOT_SHANGHAI", "2028-01-02");

        // each firm's own view, over HTTP with its own token
        FirmClaimView first = single(LoanStoriesAccess.uscc(FIRM_OLD_VERSION));
        assertThat(first.claimId()).isEqualTo(lyd("P-rv1"));
        assertThat(first.program()).isEqualTo("LYD_PREMIUM");
        assertThat(first.status()).isEqualTo("COMPUTED");
        assertThat(first.amount()).isEqualByComparingTo("22500.00");
        assertThat(first.ruleVersion()).isEqualTo("2025.1");
        assertThat(first.triggerDate()).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(first.reasons()).isEmpty();

        FirmClaimView second = single(LoanStoriesAccess.uscc(FIRM_NEW_VERSION));
        assertThat(second.amount()).isEqualByComparingTo("27000.00");
        assertThat(second.ruleVersion()).isEqualTo("2028.1");

        FirmClaimView notShanghai = single(LoanStoriesAccess.uscc(FIRM_NOT_SHANGHAI));
        assertThat(notShanghai.status()).isEqualTo("INELIGIBLE");
        assertThat(notShanghai.program()).isEqualTo("LYD_PREMIUM");
        assertThat(notShanghai.amount()).isEqualByComparingTo("0.00");
        assertThat(notShanghai.ruleVersion()).isEqualTo("2028.1");
        assertThat(notShanghai.reasons()).containsExactly(
                new ReasonView("NOT_SHANGHAI", ReasonCode.NOT_SHANGHAI.zh(), ReasonCode.NOT_SHANGHAI.en()));

        // an invalid USCC (check character wrong) is a bad request
        String valid = LoanStoriesAccess.uscc(FIRM_OLD_VERSION);
        String wrongCheck = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        for (String invalid : List.of(wrongCheck, "NOT-A-USCC")) {
            assertThat(api().get().uri("/api/v1/firms/{uscc}/claims", invalid).retrieve().toBodilessEntity().getStatusCode())
                    .as(invalid).isEqualTo(HttpStatus.BAD_REQUEST);
        }
    }

    private static String lyd(String approvalNo) {
        return ClaimRecord.claimId(Program.LYD, BANK, approvalNo, null, null);
    }

    private FirmClaimView single(String uscc) {
        FirmClaimView[] views = api(TOKENS.firmToken(uscc)).get().uri("/api/v1/firms/{uscc}/claims", uscc).retrieve()
                .body(FirmClaimView[].class);
        assertThat(views).as(uscc).hasSize(1);
        return views[0];
    }

    private Map<String, Map<String, Object>> claimsOf(String bank) {
        return jdbc.queryForList("SELECT * FROM claim WHERE bank_code = ?", bank).stream()
                .collect(Collectors.toMap(r -> (String) r.get("claim_id"), r -> r));
    }

    private static void assertClaim(Map<String, Object> claim, String status, String ruleVersion, String ratio,
                                    String amount, String reasons, String triggerDate) {
        String id = (String) claim.get("claim_id");
        assertThat(claim.get("status")).as(id).isEqualTo(status);
        assertThat(claim.get("rule_version")).as(id).isEqualTo(ruleVersion);
        assertThat((BigDecimal) claim.get("base_amount")).as(id).isEqualByComparingTo("45000.00");
        assertThat((BigDecimal) claim.get("ratio")).as(id).isEqualByComparingTo(ratio);
        assertThat((BigDecimal) claim.get("amount")).as(id).isEqualByComparingTo(amount);
        assertThat(claim.get("reasons")).as(id).isEqualTo(reasons);
        assertThat(claim.get("trigger_date")).as(id).hasToString(triggerDate);
    }
}
