package cn.shanghai.techfinance.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.local.BankStatement.Instruction;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A replay's reconcile: the bank's answer to every instruction of the payment file, the listed payees' failed. */
class ActionsBankStatementTest {

    private static final String FIRM_A = Uscc.withCheckCharacter("91310115MA1000001");
    private static final String FIRM_B = Uscc.withCheckCharacter("91310115MA1000002");
    private static final String PAYMENTS = "instruction_id,payee_uscc,payee_name,payee_account,payee_bank,amount,claim_ids\n"
            + "S7-00001," + FIRM_A + ",\"上海示例科技有限公司, 浦东\",6222021234567890,浦发银行上海分行,22500.00,c1;c2\n"
            + "S7-00002," + FIRM_B + ",上海另一科技有限公司,6222029876543210,中国银行上海分行,5425.00,c3\n"
            + "TOTAL,2,27925.00\n";

    @Test
    void theInstructionsOfAPaymentFileWithoutItsTrailer() {
        assertThat(BankStatement.instructions(PAYMENTS)).containsExactly(new Instruction("S7-00001", FIRM_A), new Instruction("S7-00002", FIRM_B));
    }

    @Test
    void listedPayeesFailedEveryOtherWasPaidOnTheActionsDate() {
        assertThat(BankStatement.body(BankStatement.instructions(PAYMENTS), Map.of(FIRM_B, "FAILED"), LocalDate.of(2026, 4, 20))).isEqualTo("""
                instruction_id,status,bank_reference,paid_on
                S7-00001,PAID,LOCAL-S7-00001,2026-04-20
                S7-00002,FAILED,,
                """);
        assertThat(BankStatement.body(BankStatement.instructions(PAYMENTS), Map.of(FIRM_B, "PAID"), LocalDate.of(2026, 4, 20)))
                .isEqualTo(BankStatement.body(BankStatement.instructions(PAYMENTS), Map.of(), LocalDate.of(2026, 4, 20)))
                .doesNotContain("FAILED");
    }

    @Test
    void aListedPayeeWithoutAnInstructionIsNamed() {
        String stranger = Uscc.withCheckCharacter("91310115MA1000003");
        assertThat(BankStatement.payeesNotIn(BankStatement.instructions(PAYMENTS), Map.of(FIRM_A, "FAILED", stranger, "FAILED")))
                .containsExactly(stranger);
        assertThat(BankStatement.payeesNotIn(BankStatement.instructions(PAYMENTS), Map.of(FIRM_A, "FAILED"))).isEmpty();
    }

    @Test
    void aFileWithoutTheColumnsOrWithARaggedLineIsNoPaymentFile() {
        assertThatThrownBy(() -> BankStatement.instructions("id,amount\n1,2.00\n")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BankStatement.instructions("instruction_id,payee_uscc,amount\nS7-00001," + FIRM_A + "\n"))
                .hasMessage("payment file record 2 has 2 fields, the header 3");
        assertThat(BankStatement.instructions("instruction_id,payee_uscc\nTOTAL,0,0.00\n")).isEmpty();
    }
}
