package cn.shanghai.techfinance.subsidy.rules.firm;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.rules.Decision;
import cn.shanghai.techfinance.subsidy.rules.FirmFixture;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.RuleParametersFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmeSizePolicyTest {

    private final RuleParameters parameters = RuleParametersFixture.documentDefaults();

    @ParameterizedTest
    @CsvSource({
        "500, 200000000.00, 200000000.00, true",
        "0,   0.00,         0.00,         true",
        "501, 200000000.00, 200000000.00, false",
        "500, 200000000.01, 200000000.00, false",
        "500, 200000000.00, 200000000.01, false"
    })
    void eachLimitIsInclusive(int employees, String annualRevenue, String totalAssets, boolean sme) {
        FirmSnapshot firm = FirmFixture.highTechFirm()
                .employees(employees)
                .annualRevenue(annualRevenue)
                .totalAssets(totalAssets)
                .build();

        assertThat(SmeSizePolicy.decide(firm, parameters))
                .isEqualTo(sme ? Decision.ALLOWED : Decision.rejected(ReasonCode.SIZE_EXCEEDED));
    }
}
