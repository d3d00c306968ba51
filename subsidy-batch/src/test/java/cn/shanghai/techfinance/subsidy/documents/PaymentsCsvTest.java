package cn.shanghai.techfinance.subsidy.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentsCsvTest {

    static final PaymentInstruction FIRST = new PaymentInstruction("S7-00001", "91310115MA1K3YJ12X", "上海某某科技有限公司",
            "6222021234567890", "上海浦东发展银行张江科技支行", new BigDecimal("12000.5"),
            List.of("0a1b2c3d-0000-3000-8000-000000000001", "0a1b2c3d-0000-3000-8000-000000000002"));
    static final PaymentInstruction SECOND = new PaymentInstruction("S7-00002", "91310000132200821H",
            "Shanghai \"Quote\" Ltd, Pudong", "31001234567", "中国银行上海市分行\n营业部", new BigDecimal("0.01"),
            List.of("0a1b2c3d-0000-3000-8000-000000000003"));

    @Test
    void headerOneLinePerInstructionAndTheTrailer() {
        String csv = PaymentsCsv.write(List.of(FIRST, SECOND));

        assertThat(csv).startsWith(PaymentsCsv.HEADER + "\n")
                .isEqualTo("""
                        instruction_id,payee_uscc,payee_name,payee_account,payee_bank,amount,claim_ids
                        S7-00001,91310115MA1K3YJ12X,上海某某科技有限公司,6222021234567890,上海浦东发展银行张江科技支行,12000.50,\
                        0a1b2c3d-0000-3000-8000-000000000001;0a1b2c3d-0000-3000-8000-000000000002
                        S7-00002,91310000132200821H,"Shanghai ""Quote"" Ltd, Pudong",31001234567,"中国银行上海市分行
                        营业部",0.01,0a1b2c3d-0000-3000-8000-000000000003
                        TOTAL,2,12000.51
                        """);
        assertThat(Rfc4180.parse(csv)).containsExactly(
                List.of("instruction_id", "payee_uscc", "payee_name", "payee_account", "payee_bank", "amount", "claim_ids"),
                List.of("S7-00001", "91310115MA1K3YJ12X", "上海某某科技有限公司", "6222021234567890", "上海浦东发展银行张江科技支行",
                        "12000.50", "0a1b2c3d-0000-3000-8000-000000000001;0a1b2c3d-0000-3000-8000-000000000002"),
                List.of("S7-00002", "91310000132200821H", "Shanghai \"Quote\" Ltd, Pudong", "31001234567", "中国银行上海市分行\n营业部",
                        "0.01", "0a1b2c3d-0000-3000-8000-000000000003"),
                List.of("TOTAL", "2", "12000.51"));
    }

    @Test
    void theTrailerEqualsTheTotals() {
        PaymentInstruction.Totals totals = PaymentInstruction.Totals.of(List.of(FIRST, SECOND));
        assertThat(totals).isEqualTo(new PaymentInstruction.Totals(2, new BigDecimal("12000.51")));
        List<List<String>> records = Rfc4180.parse(PaymentsCsv.write(List.of(FIRST, SECOND)));
        assertThat(records.get(records.size() - 1)).containsExactly("TOTAL", "2", "12000.51");
    }

    @Test
    void anEmptyFileStillHasItsHeaderAndTrailer() {
        assertThat(PaymentsCsv.write(List.of())).isEqualTo(PaymentsCsv.HEADER + "\nTOTAL,0,0.00\n");
    }

    @Test
    void anInstructionPaysSomethingAndAtLeastOneClaim() {
        assertThatThrownBy(() -> new PaymentInstruction("S1-00001", "u", "n", "a", "b", BigDecimal.ZERO, List.of("c")))
                .hasMessageContaining("S1-00001").hasMessageContaining("above 0.00");
        assertThatThrownBy(() -> new PaymentInstruction("S1-00001", "u", "n", "a", "b", new BigDecimal("1.001"), List.of("c")))
                .hasMessageContaining("two decimals");
        assertThatThrownBy(() -> new PaymentInstruction("S1-00001", "u", "n", "a", "b", BigDecimal.ONE, List.of()))
                .hasMessageContaining("at least one claim");
    }
}
