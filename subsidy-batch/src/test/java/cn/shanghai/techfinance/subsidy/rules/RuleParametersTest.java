package cn.shanghai.techfinance.subsidy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleParametersTest {

    private static RuleParameters version(String id, LocalDate from, LocalDate to) {
        return RuleParametersFixture.fromDocumentDefaults().version(id).effective(from, to).build();
    }

    @Test
    void aVersionAppliesFromItsFirstToItsLastDayInclusive() {
        RuleParameters version = version("v1", LocalDate.of(2025, 9, 1), LocalDate.of(2026, 8, 31));

        assertThat(version.isEffectiveOn(LocalDate.of(2025, 8, 31))).isFalse();
        assertThat(version.isEffectiveOn(LocalDate.of(2025, 9, 1))).isTrue();
        assertThat(version.isEffectiveOn(LocalDate.of(2026, 8, 31))).isTrue();
        assertThat(version.isEffectiveOn(LocalDate.of(2026, 9, 1))).isFalse();
        assertThat(version("v2", LocalDate.of(2025, 9, 1), null).isEffectiveOn(LocalDate.of(2099, 1, 1))).isTrue();
    }

    @Test
    void inconsistentRuleDataIsRefused() {
        assertThatThrownBy(() -> version("v1", LocalDate.of(2025, 9, 1), LocalDate.of(2025, 8, 31)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuleParametersFixture.fromDocumentDefaults().version(" ").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuleParametersFixture.fromDocumentDefaults().lydCapPerSubsidyYear("-1.00").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuleParametersFixture.fromDocumentDefaults().hkzdCaps("1000000.001", "3000000.00").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuleParametersFixture.fromDocumentDefaults().confirmationWorkingDays(0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theVersionInForceOnTheTriggerDateIsChosen() {
        RuleParameters sy2025 = version("SY2025", LocalDate.of(2024, 9, 1), LocalDate.of(2025, 8, 31));
        RuleParameters sy2026 = version("SY2026", LocalDate.of(2025, 9, 1), null);
        RuleVersions versions = new RuleVersions(List.of(sy2026, sy2025));

        assertThat(versions.forTriggerDate(LocalDate.of(2025, 8, 31))).contains(sy2025);
        assertThat(versions.forTriggerDate(LocalDate.of(2025, 9, 1))).contains(sy2026);
        assertThat(versions.forTriggerDate(LocalDate.of(2030, 1, 1))).contains(sy2026);
    }

    @Test
    void aTriggerDateBeforeEveryVersionTakesTheFirstSoItsWindowRulesReject() {
        RuleParameters first = version("SY2025", LocalDate.of(2024, 9, 1), null);

        assertThat(new RuleVersions(List.of(first)).forTriggerDate(LocalDate.of(2020, 1, 1))).contains(first);
    }

    @Test
    void aTriggerDateInAGapOrAfterTheLastVersionFindsNone() {
        RuleVersions versions = new RuleVersions(List.of(
                version("a", LocalDate.of(2024, 9, 1), LocalDate.of(2025, 6, 30)),
                version("b", LocalDate.of(2025, 9, 1), LocalDate.of(2026, 8, 31))));

        assertThat(versions.forTriggerDate(LocalDate.of(2025, 7, 15))).isEmpty();
        assertThat(versions.forTriggerDate(LocalDate.of(2026, 9, 1))).isEmpty();
        assertThat(new RuleVersions(List.of()).forTriggerDate(LocalDate.of(2026, 9, 1))).isEmpty();
    }

    @Test
    void overlappingOrDuplicateVersionsAreRefused() {
        assertThatThrownBy(() -> new RuleVersions(List.of(
                        version("a", LocalDate.of(2024, 9, 1), LocalDate.of(2025, 9, 1)),
                        version("b", LocalDate.of(2025, 9, 1), null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> new RuleVersions(List.of(
                        version("a", LocalDate.of(2024, 9, 1), null),
                        version("b", LocalDate.of(2025, 9, 1), null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> new RuleVersions(List.of(
                        version("a", LocalDate.of(2024, 9, 1), LocalDate.of(2025, 8, 31)),
                        version("a", LocalDate.of(2025, 9, 1), null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }
}
