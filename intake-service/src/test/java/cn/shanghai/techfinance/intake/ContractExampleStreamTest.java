package cn.shanghai.techfinance.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract's full example stream (bank-events.md) lands in the ledger, and every event is answered. */
class ContractExampleStreamTest extends IntakeIntegrationTest {

    private static final String BANK = "EXAMPLE-SH";

    @Test
    void exampleLoanIsAcceptedAndStoredInTheLedger() {
        List<BankEvent> events = TestEvents.exampleLoan(BANK, "", 1);
        send(events);
        String source = EventSource.bank(BANK);
        for (BankEvent e : events) {
            assertThat(awaitStatus(source, e.id())).as(e.id()).isEqualTo("ACCEPTED");
        }

        Map<String, Object> application = jdbc.queryForMap("SELECT * FROM loan_application WHERE bank_code = ?", BANK);
        assertThat(application).containsEntry("application_no", "A-001").containsEntry("program", "LYD")
                .containsEntry("first_loan", true).containsEntry("credit_loan", false).containsEntry("term_months", 12)
                .containsEntry("uscc", TestEvents.uscc(1)).containsEntry("event_id", "e1");
        assertThat((BigDecimal) application.get("requested_amount")).isEqualByComparingTo("3000000.00");

        Map<String, Object> firm = jdbc.queryForMap("SELECT * FROM firm_snapshot WHERE bank_code = ?", BANK);
        assertThat(firm).containsEntry("industry_code", "7320").containsEntry("registered_district", "310115")
                .containsEntry("employees", 85).containsEntry("name", "上海示例科技有限公司");
        assertThat((BigDecimal) firm.get("annual_revenue")).isEqualByComparingTo("42000000.00");
        assertThat(jdbc.queryForList("SELECT qualification_type, valid_to FROM firm_qualification WHERE bank_code = ?", BANK))
                .containsExactly(Map.of("qualification_type", "HNTE", "valid_to", Date.valueOf(LocalDate.of(2026, 12, 31))));

        assertThat(jdbc.queryForMap("SELECT approval_no, application_no, approved_amount FROM loan_approval WHERE bank_code = ?", BANK))
                .containsEntry("approval_no", "P-001").containsEntry("application_no", "A-001");
        Map<String, Object> contract = jdbc.queryForMap("SELECT * FROM loan_contract WHERE bank_code = ?", BANK);
        assertThat(contract).containsEntry("contract_no", "C-001").containsEntry("approval_no", "P-001")
                .containsEntry("disbursed_on", Date.valueOf("2025-10-01")).containsEntry("maturity_on", Date.valueOf("2026-09-30"))
                .containsEntry("renewal_of", null);
        assertThat((BigDecimal) contract.get("annual_rate")).isEqualByComparingTo("0.0345");
        assertThat((BigDecimal) contract.get("lpr1y")).isEqualByComparingTo("0.0300");

        Map<String, Object> policy = jdbc.queryForMap("SELECT * FROM insurance_policy WHERE bank_code = ?", BANK);
        assertThat(policy).containsEntry("policy_no", "Y-001").containsEntry("insurer_code", "PICC-SH")
                .containsEntry("contract_no", "C-001");
        assertThat((BigDecimal) policy.get("premium")).isEqualByComparingTo("45000.00");
        assertThat((BigDecimal) policy.get("premium_rate")).isEqualByComparingTo("0.015");

        Map<String, Object> premium = jdbc.queryForMap("SELECT amount, paid_on FROM premium_payment WHERE bank_code = ?", BANK);
        assertThat((BigDecimal) premium.get("amount")).isEqualByComparingTo("45000.00");
        assertThat(premium.get("paid_on")).isEqualTo(Date.valueOf("2025-10-10"));
        assertThat(jdbc.queryForMap("SELECT contract_no, settled_on FROM loan_settlement WHERE bank_code = ?", BANK))
                .containsEntry("contract_no", "C-001").containsEntry("settled_on", Date.valueOf("2026-03-15"));

        awaitOutboxRelayed();
        Map<String, List<IntakeOutcome>> outcomes = awaitPublished(source, events.stream().map(BankEvent::id).toList());
        outcomes.forEach((id, list) -> {
            assertThat(list).as(id).hasSize(1);
            IntakeOutcome outcome = list.get(0);
            assertThat(outcome.status()).isEqualTo(IntakeOutcome.Status.ACCEPTED);
            assertThat(outcome.bankCode()).isEqualTo(BANK);
            assertThat(outcome.violations()).isEmpty();
        });
        assertThat(outcomes.get("e3").get(0).type()).isEqualTo("loan.disbursed.v1");
    }
}
