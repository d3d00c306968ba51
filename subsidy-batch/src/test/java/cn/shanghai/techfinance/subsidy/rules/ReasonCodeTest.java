package cn.shanghai.techfinance.subsidy.rules;

import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.CAP_PARTIAL;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.DISHONESTY_LISTED;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.NOT_SHANGHAI;
import static cn.shanghai.techfinance.subsidy.rules.ReasonCode.RATE_CAPPED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReasonCodeTest {

    @Test
    void theCodesAreTheDocumentsInItsOrder() {
        assertThat(ReasonCode.values()).extracting(Enum::name).containsExactly(
                "NOT_SHANGHAI", "NOT_TECH_FIRM", "SIZE_EXCEEDED", "LINE_NOT_COVERED", "OVERDUE", "LOAN_DEFAULTED", "OUT_OF_WINDOW",
                "DISHONESTY_LISTED", "RATE_CAPPED", "CAP_PARTIAL", "CAP_REACHED", "POLICY_CANCELLED");
    }

    @Test
    void theFirstEightRejectTheNextThreeAreNotesAndPolicyCancelledCancels() {
        assertThat(Arrays.stream(ReasonCode.values()).filter(r -> !r.rejection()))
                .containsExactly(RATE_CAPPED, ReasonCode.CAP_PARTIAL, ReasonCode.CAP_REACHED);
        assertThat(Arrays.stream(ReasonCode.values()).filter(ReasonCode::rejection))
                .hasSize(9)
                .element(7)
                .isEqualTo(DISHONESTY_LISTED);
        assertThat(ReasonCode.POLICY_CANCELLED.rejection()).isTrue();
    }

    @Test
    void everyCodeIsDescribedInChineseAndEnglish() {
        for (ReasonCode code : ReasonCode.values()) {
            assertThat(code.zh()).as(code.name()).isNotBlank().containsPattern("\\p{IsHan}");
            assertThat(code.en()).as(code.name()).isNotBlank().matches("\\p{ASCII}+");
        }
    }

    @Test
    void reasonsAreListedOnceInTheDocumentOrder() {
        assertThat(ReasonCode.inDocumentOrder(List.of(CAP_PARTIAL, RATE_CAPPED, NOT_SHANGHAI, CAP_PARTIAL)))
                .containsExactly(NOT_SHANGHAI, RATE_CAPPED, CAP_PARTIAL);
    }
}
