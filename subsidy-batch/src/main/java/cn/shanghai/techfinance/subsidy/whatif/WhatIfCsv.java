package cn.shanghai.techfinance.subsidy.whatif;

import cn.shanghai.techfinance.subsidy.whatif.WhatIfResult.ClaimChange;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfResult.FirmChange;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfResult.Totals;
import java.math.BigDecimal;
import java.util.List;

/**
 * A what-if's result as one CSV table, a row per figure: {@code section} says which (PROGRAM, MONTH,
 * INDUSTRY, DISTRICT, FIRM, CLAIM) and {@code key} what the row sums (programme, YYYY-MM, GB/T 4754
 * division, district code, USCC, claim id); {@code change} is a firm's GAINS / LOSES / BECOMES_…, or
 * a claim's statuses {@code before→after}. Every field is plain (codes, dates, amounts): nothing to quote.
 */
final class WhatIfCsv {

    static final String HEADER = "section,program,key,claims_before,total_before,claims_after,total_after,difference,change";

    private WhatIfCsv() {
    }

    static String write(WhatIfResult result) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        totals(csv, "PROGRAM", result.programs());
        totals(csv, "MONTH", result.byMonth());
        totals(csv, "INDUSTRY", result.byIndustry());
        totals(csv, "DISTRICT", result.byDistrict());
        for (FirmChange f : result.firms()) {
            row(csv, "FIRM", f.program(), f.uscc(), "", f.totalBefore(), "", f.totalAfter(), f.difference(), f.change().name());
        }
        for (ClaimChange c : result.claims()) {
            row(csv, "CLAIM", c.program(), c.claimId(), c.beforeAmount().signum() > 0 ? "1" : "0", c.beforeAmount(),
                    c.afterAmount().signum() > 0 ? "1" : "0", c.afterAmount(), c.difference(), c.beforeStatus() + "→" + c.afterStatus());
        }
        return csv.toString();
    }

    private static void totals(StringBuilder csv, String section, List<Totals> rows) {
        for (Totals t : rows) {
            row(csv, section, t.program(), t.key(), Integer.toString(t.claimsBefore()), t.totalBefore(), Integer.toString(t.claimsAfter()),
                    t.totalAfter(), t.difference(), "");
        }
    }

    private static void row(StringBuilder csv, String section, String program, String key, String claimsBefore, BigDecimal totalBefore,
                            String claimsAfter, BigDecimal totalAfter, BigDecimal difference, String change) {
        csv.append(String.join(",", section, program, key, claimsBefore, totalBefore.toPlainString(), claimsAfter,
                totalAfter.toPlainString(), difference.toPlainString(), change)).append('\n');
    }
}
