package cn.shanghai.techfinance.subsidy.rules.firm;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.rules.Decision;
import cn.shanghai.techfinance.subsidy.rules.FirmFixture;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.RuleParametersFixture;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TechFirmPolicyTest {

    private static final Decision NOT_TECH_FIRM = Decision.rejected(ReasonCode.NOT_TECH_FIRM);

    private final RuleParameters parameters = RuleParametersFixture.documentDefaults();

    private static FirmSnapshot qualified(String type) {
        return FirmFixture.highTechFirm().withoutQualifications()
                .qualification(type, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31))
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HNTE", "TSME", "LITTLE_GIANT", "SRDI", "SRDI_GIANT"})
    void eachConfiguredQualificationMakesATechFirm(String type) {
        assertThat(TechFirmPolicy.decide(qualified(type), LocalDate.of(2025, 6, 1), parameters)).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void aQualificationTypeTheRuleDataDoesNotListDoesNot() {
        assertThat(TechFirmPolicy.decide(qualified("ISO9001"), LocalDate.of(2025, 6, 1), parameters)).isEqualTo(NOT_TECH_FIRM);
    }

    @ParameterizedTest
    @CsvSource({"2024-12-31, false", "2025-01-01, true", "2025-12-31, true", "2026-01-01, false"})
    void aQualificationCountsFromValidFromToValidToInclusive(LocalDate disbursedOn, boolean techFirm) {
        assertThat(TechFirmPolicy.decide(qualified("HNTE"), disbursedOn, parameters))
                .isEqualTo(techFirm ? Decision.ALLOWED : NOT_TECH_FIRM);
    }

    @ParameterizedTest
    @CsvSource({
        "7320, 2025-05-21, false",
        "7320, 2025-05-22, true",
        "7310, 2026-01-01, true",
        "7410, 2026-01-01, true",
        "7590, 2026-01-01, true",
        "7610, 2026-01-01, false",
        "6510, 2026-01-01, false"
    })
    void aTechServiceIndustryMakesATechFirmFromTechServiceFromOn(String industry, LocalDate disbursedOn, boolean techFirm) {
        FirmSnapshot firm = FirmFixture.techServiceFirm().industry(industry).build();

        assertThat(TechFirmPolicy.decide(firm, disbursedOn, parameters)).isEqualTo(techFirm ? Decision.ALLOWED : NOT_TECH_FIRM);
    }

    @Test
    void aQualifiedFirmOutsideShanghaiIsStillATechFirmButNotShanghais() {
        FirmSnapshot firm = FirmFixture.highTechFirm().district("320505").build();

        assertThat(TechFirmPolicy.decide(firm, LocalDate.of(2025, 6, 1), parameters)).isEqualTo(Decision.ALLOWED);
        assertThat(ShanghaiRegistrationPolicy.decide(firm)).isEqualTo(Decision.rejected(ReasonCode.NOT_SHANGHAI));
    }

    @ParameterizedTest
    @CsvSource({"310000, true", "310115, true", "310230, true", "320505, false", "131000, false"})
    void shanghaiDistrictsStartWith31(String district, boolean shanghai) {
        FirmSnapshot firm = FirmFixture.highTechFirm().district(district).build();

        assertThat(ShanghaiRegistrationPolicy.decide(firm))
                .isEqualTo(shanghai ? Decision.ALLOWED : Decision.rejected(ReasonCode.NOT_SHANGHAI));
    }
}
