package cn.shanghai.techfinance.subsidy.rules.firm;

import cn.shanghai.techfinance.subsidy.rules.Decision;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;

/** The programmes are Shanghai's: the firm must be registered in a Shanghai district. */
public final class ShanghaiRegistrationPolicy {

    /** GB/T 2260: the codes of 上海市 and its districts start with 31. */
    private static final String SHANGHAI_DIVISION_PREFIX = "31";

    private ShanghaiRegistrationPolicy() {
    }

    public static Decision decide(FirmSnapshot firm) {
        return firm.registeredDistrict().startsWith(SHANGHAI_DIVISION_PREFIX)
                ? Decision.ALLOWED
                : Decision.rejected(ReasonCode.NOT_SHANGHAI);
    }
}
