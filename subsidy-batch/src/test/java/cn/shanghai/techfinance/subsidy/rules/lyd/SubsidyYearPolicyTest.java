package cn.shanghai.techfinance.subsidy.rules.lyd;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.rules.Decision;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.RuleParametersFixture;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubsidyYearPolicyTest {

    private final RuleParameters parameters = RuleParametersFixture.documentDefaults();

    @ParameterizedTest
    @CsvSource({
        "2024-08-31, 2024",
        "2024-09-01, 2025",
        "2025-01-01, 2025",
        "2025-08-31, 2025",
        "2025-09-01, 2026",
        "2026-08-31, 2026",
        "2026-09-01, 2027",
        "2028-02-29, 2028"
    })
    void aSubsidyYearRunsFromSeptemberFirstToAugustThirtyFirst(LocalDate date, int subsidyYear) {
        assertThat(SubsidyYearPolicy.subsidyYearOf(date, parameters)).isEqualTo(subsidyYear);
    }

    @ParameterizedTest
    @CsvSource({"2024-08-31, false", "2024-09-01, true", "2031-06-30, true"})
    void yearsBeforeTheFirstConfiguredOneAreOutOfWindow(LocalDate settlementDate, boolean open) {
        assertThat(SubsidyYearPolicy.decide(settlementDate, parameters))
                .isEqualTo(open ? Decision.ALLOWED : Decision.rejected(ReasonCode.OUT_OF_WINDOW));
    }
}
