package cn.shanghai.techfinance.subsidy.rules.hkzd;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.ClaimState;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoanDefaultCancellationTest {

    private final LoanDefaultCancellation cancellation = new LoanDefaultCancellation();

    private static ClaimState claim(String contractNo, int installmentNo, ClaimStatus status, ReasonCode... reasons) {
        return new ClaimState(new ClaimKey.Hkzd("ICBC-SH", contractNo, installmentNo), status, List.of(reasons));
    }

    @Test
    void eligibleUnpaidClaimsAreCancelledKeepingTheirNotes() {
        List<ClaimState> changed = cancellation.cancel("ICBC-SH", "C-101", List.of(
                claim("C-101", 3, ClaimStatus.CONFIRMED),
                claim("C-101", 1, ClaimStatus.COMPUTED, ReasonCode.RATE_CAPPED, ReasonCode.CAP_PARTIAL),
                claim("C-101", 2, ClaimStatus.PUBLISHED, ReasonCode.CAP_REACHED)));

        assertThat(changed).containsExactly(
                claim("C-101", 1, ClaimStatus.CANCELLED,
                        ReasonCode.RATE_CAPPED, ReasonCode.CAP_PARTIAL, ReasonCode.LOAN_DEFAULTED),
                claim("C-101", 2, ClaimStatus.CANCELLED, ReasonCode.CAP_REACHED, ReasonCode.LOAN_DEFAULTED),
                claim("C-101", 3, ClaimStatus.CANCELLED, ReasonCode.LOAN_DEFAULTED));
    }

    @Test
    void paidIneligibleForfeitedAndAlreadyCancelledClaimsStayAsTheyAre() {
        List<ClaimState> changed = cancellation.cancel("ICBC-SH", "C-101", List.of(
                claim("C-101", 1, ClaimStatus.PAID),
                claim("C-101", 2, ClaimStatus.INELIGIBLE, ReasonCode.OVERDUE),
                claim("C-101", 3, ClaimStatus.FORFEITED),
                claim("C-101", 4, ClaimStatus.CANCELLED, ReasonCode.LOAN_DEFAULTED)));

        assertThat(changed).isEmpty();
    }

    @Test
    void claimsOfOtherContractsOrBanksOrProgrammesAreNotTouched() {
        List<ClaimState> changed = cancellation.cancel("ICBC-SH", "C-101", List.of(
                claim("C-102", 1, ClaimStatus.COMPUTED),
                new ClaimState(new ClaimKey.Hkzd("BOC-SH", "C-101", 1), ClaimStatus.COMPUTED, List.of()),
                new ClaimState(new ClaimKey.Lyd("ICBC-SH", "C-101"), ClaimStatus.COMPUTED, List.of())));

        assertThat(changed).isEmpty();
    }
}
