package cn.shanghai.techfinance.subsidy.claims;

import cn.shanghai.techfinance.subsidy.rules.Program;
import java.time.LocalDate;

/** A possible claim the ledger has shown (an LYD approval, an HKZD instalment), not yet claimed. */
public record ClaimUnit(long id, Program program, String bankCode, String uscc, String approvalNo, String contractNo,
                        Integer installmentNo, LocalDate dueOn) {

    /** LYD: the approval; HKZD: contract and instalment. */
    public static String unitNo(Program program, String approvalNo, String contractNo, Integer installmentNo) {
        return program == Program.LYD ? approvalNo : contractNo + "#" + installmentNo;
    }
}
