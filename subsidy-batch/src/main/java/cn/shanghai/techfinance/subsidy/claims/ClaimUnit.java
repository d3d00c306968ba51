package cn.shanghai.techfinance.subsidy.claims;

import cn.shanghai.techfinance.subsidy.rules.Program;
import java.time.LocalDate;

/**
 * A possible claim the ledger has shown (an LYD approval, an HKZD instalment, a 科技保险 policy), not
 * yet claimed; a tech-insurance unit holds its insurer's code as bankCode and its policyNo as approvalNo.
 */
public record ClaimUnit(long id, Program program, String bankCode, String uscc, String approvalNo, String contractNo,
                        Integer installmentNo, LocalDate dueOn) {

    /** LYD: the approval; HKZD: contract and instalment; TECH_INSURANCE: the policy. */
    public static String unitNo(Program program, String approvalNo, String contractNo, Integer installmentNo) {
        return switch (program) {
            case LYD, TECH_INSURANCE -> approvalNo;
            case HKZD -> contractNo + "#" + installmentNo;
        };
    }
}
