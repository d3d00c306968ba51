package cn.shanghai.techfinance.subsidy.rules.techinsurance;

import cn.shanghai.techfinance.subsidy.rules.Decision;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;

/** Only the R&D-risk lines of 沪府办发〔2025〕11号 item 十四 are subsidised. */
public final class CoveredLinePolicy {

    private CoveredLinePolicy() {
    }

    public static Decision decide(String line, RuleParameters parameters) {
        return parameters.techInsurance().coveredLines().contains(line)
                ? Decision.ALLOWED
                : Decision.rejected(ReasonCode.LINE_NOT_COVERED);
    }
}
