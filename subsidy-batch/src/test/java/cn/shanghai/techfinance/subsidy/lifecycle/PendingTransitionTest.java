package cn.shanghai.techfinance.subsidy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.lifecycle.PendingTransition.Forfeiture;
import cn.shanghai.techfinance.subsidy.lifecycle.PendingTransition.LoanDefault;
import cn.shanghai.techfinance.subsidy.lifecycle.PendingTransition.PolicyCancellation;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.UnconfirmedForfeiture;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PendingTransitionTest {

    private static final LocalDate D = LocalDate.of(2026, 4, 7);

    @Test
    void aForfeitureTakesEffectTheDayAfterConfirmByAndOnlyThen() {
        assertThat(new Forfeiture("c1", D.minusDays(1)).effectiveOn()).isEqualTo(D);
        assertThat(UnconfirmedForfeiture.forfeits(ClaimStatus.PUBLISHED, D.minusDays(1), D)).isTrue();
        assertThat(UnconfirmedForfeiture.forfeits(ClaimStatus.PUBLISHED, D, D)).as("on confirmBy itself").isFalse();
        assertThat(UnconfirmedForfeiture.forfeits(ClaimStatus.CONFIRMED, D.minusDays(1), D)).isFalse();
        assertThat(UnconfirmedForfeiture.forfeits(ClaimStatus.PUBLISHED, null, D)).isFalse();
    }

    @Test
    void transitionsApplyByEffectiveDateAndOnOneDateForfeituresFirst() {
        PendingTransition lateDefault = new LoanDefault("B", "C-2", D.plusDays(1));
        PendingTransition cancellation = new PolicyCancellation(Program.LYD, "B", "Y-1", "P-1", D);
        PendingTransition defaulted = new LoanDefault("B", "C-1", D);
        PendingTransition forfeiture = new Forfeiture("c9", D.minusDays(1));
        PendingTransition earlyCancellation = new PolicyCancellation(Program.LYD, "B", "Y-2", "P-2", D.minusDays(3));
        List<PendingTransition> pending = new ArrayList<>(List.of(lateDefault, cancellation, defaulted, forfeiture, earlyCancellation));
        pending.sort(PendingTransition.ORDER);
        assertThat(pending).containsExactly(earlyCancellation, forfeiture, defaulted, cancellation, lateDefault);
    }
}
