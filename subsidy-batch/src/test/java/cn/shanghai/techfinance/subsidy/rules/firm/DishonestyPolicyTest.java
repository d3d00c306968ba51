package cn.shanghai.techfinance.subsidy.rules.firm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shanghai.techfinance.subsidy.rules.Decision;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DishonestyPolicyTest {

    private static final LocalDate TRIGGER = LocalDate.of(2026, 3, 15);
    private static final Decision LISTED = Decision.rejected(ReasonCode.DISHONESTY_LISTED);

    @ParameterizedTest
    @CsvSource({
        "2026-03-15,           , true",
        "2026-03-16,           , false",
        "2025-01-01, 2026-03-15, false",
        "2025-01-01, 2026-03-16, true",
        "2025-01-01, 2026-03-14, false",
        "2026-03-15, 2026-03-15, false"
    })
    void listedOnOrBeforeTheTriggerDateAndNotClearedByIt(LocalDate listedOn, LocalDate clearedOn, boolean listed) {
        assertThat(DishonestyPolicy.decide(List.of(new DishonestyListing(listedOn, clearedOn)), TRIGGER))
                .isEqualTo(listed ? LISTED : Decision.ALLOWED);
    }

    @Test
    void anyOfSeveralListingsCounts() {
        List<DishonestyListing> listings = List.of(
                new DishonestyListing(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 1)),
                new DishonestyListing(LocalDate.of(2026, 1, 1), null));

        assertThat(DishonestyPolicy.decide(listings, TRIGGER)).isEqualTo(LISTED);
        assertThat(DishonestyPolicy.decide(listings, LocalDate.of(2025, 6, 1))).isEqualTo(Decision.ALLOWED);
        assertThat(DishonestyPolicy.decide(List.of(), TRIGGER)).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void aListingCannotBeClearedBeforeItStarts() {
        assertThatThrownBy(() -> new DishonestyListing(TRIGGER, TRIGGER.minusDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
