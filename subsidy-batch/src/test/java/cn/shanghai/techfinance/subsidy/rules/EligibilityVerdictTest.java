package cn.shanghai.techfinance.subsidy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EligibilityVerdictTest {

    private final RuleParameters parameters = RuleParametersFixture.documentDefaults();

    private static ClaimPolicy<String> always(Decision decision) {
        return (claim, parameters) -> decision;
    }

    @Test
    void everyRejectionIsKeptInTheDocumentOrderAndNotesAreDropped() {
        EligibilityVerdict verdict = EligibilityVerdict.of(List.of(
                        always(Decision.rejected(ReasonCode.DISHONESTY_LISTED)),
                        always(Decision.allowedWithNote(ReasonCode.RATE_CAPPED)),
                        always(Decision.rejected(ReasonCode.NOT_SHANGHAI)),
                        always(Decision.ALLOWED)),
                "claim",
                parameters);

        assertThat(verdict.eligible()).isFalse();
        assertThat(verdict.reasons()).containsExactly(ReasonCode.NOT_SHANGHAI, ReasonCode.DISHONESTY_LISTED);
    }

    @Test
    void anEligibleClaimCarriesItsNotes() {
        EligibilityVerdict verdict = EligibilityVerdict.of(
                List.of(always(Decision.ALLOWED), always(Decision.allowedWithNote(ReasonCode.RATE_CAPPED))),
                "claim",
                parameters);

        assertThat(verdict.eligible()).isTrue();
        assertThat(verdict.reasons()).containsExactly(ReasonCode.RATE_CAPPED);
    }

    @Test
    void aNoteCannotRejectAndARejectionIsNoNote() {
        assertThatThrownBy(() -> Decision.rejected(ReasonCode.CAP_REACHED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Decision.allowedWithNote(ReasonCode.OVERDUE)).isInstanceOf(IllegalArgumentException.class);
    }
}
