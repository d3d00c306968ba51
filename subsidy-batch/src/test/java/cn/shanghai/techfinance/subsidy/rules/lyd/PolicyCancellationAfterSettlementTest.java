package cn.shanghai.techfinance.subsidy.rules.lyd;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.ClaimState;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyCancellationAfterSettlementTest {

    private static final LocalDate SETTLED = LocalDate.of(2026, 3, 15);
    private final PolicyCancellationAfterSettlement rule = new PolicyCancellationAfterSettlement();

    private static ClaimState claim(ClaimStatus status, ReasonCode... reasons) {
        return new ClaimState(new ClaimKey.Lyd("ICBC-SH", "P-1"), status, List.of(reasons));
    }

    @Test
    void anUnpaidClaimIsCancelledKeepingItsNotesThenPolicyCancelled() {
        for (ClaimStatus unpaid : List.of(ClaimStatus.COMPUTED, ClaimStatus.PUBLISHED, ClaimStatus.CONFIRMED)) {
            assertThat(rule.apply(claim(unpaid, ReasonCode.CAP_PARTIAL), SETTLED, SETTLED.plusDays(1)))
                    .contains(claim(ClaimStatus.CANCELLED, ReasonCode.CAP_PARTIAL, ReasonCode.POLICY_CANCELLED));
        }
    }

    @Test
    void aPaidClaimIsDueBackWhole() {
        assertThat(rule.apply(claim(ClaimStatus.PAID), SETTLED, LocalDate.of(2026, 9, 1))).contains(claim(ClaimStatus.CLAWBACK_DUE));
    }

    @Test
    void aCancellationOnOrBeforeTheSettlementDateChangesNothingTheBaseAlreadyLeftItsPremiumOut() {
        assertThat(rule.apply(claim(ClaimStatus.COMPUTED), SETTLED, SETTLED)).isEmpty();
        assertThat(rule.apply(claim(ClaimStatus.PAID), SETTLED, SETTLED.minusDays(30))).isEmpty();
    }

    @Test
    void claimsPastChangingStayAsTheyAre() {
        for (ClaimStatus past : List.of(ClaimStatus.INELIGIBLE, ClaimStatus.FORFEITED, ClaimStatus.CANCELLED, ClaimStatus.CLAWBACK_DUE,
                ClaimStatus.RECOVERED)) {
            assertThat(rule.apply(claim(past), SETTLED, SETTLED.plusDays(10))).as(past.name()).isEmpty();
        }
    }

    @Test
    void onlyAnLydClaimIsConcerned() {
        assertThat(rule.apply(new ClaimState(new ClaimKey.Hkzd("ICBC-SH", "C-1", 1), ClaimStatus.COMPUTED, List.of()), SETTLED,
                SETTLED.plusDays(1))).isEmpty();
    }
}
