package cn.shanghai.techfinance.subsidy.whatif;

import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfStore.PricedClaim;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfStore.WhatIf;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a what-if found: per programme the claims (an amount above 0.00) and total under the current
 * rules (before) and under the draft (after), and every priced claim.
 */
public record WhatIfResult(long id, LocalDate from, LocalDate to, String status, String createdBy, String draft,
                           List<ProgramTotals> programs, List<ClaimChange> claims) {

    /** @param difference totalAfter − totalBefore */
    public record ProgramTotals(String program, int claimsBefore, BigDecimal totalBefore, int claimsAfter, BigDecimal totalAfter,
                                BigDecimal difference) {
    }

    public record ClaimChange(String claimId, String program, String bankCode, String uscc, String industryCode, String district,
                              LocalDate triggerDate, BigDecimal base, String beforeStatus, BigDecimal beforeAmount, String beforeReasons,
                              String afterStatus, BigDecimal afterAmount, String afterReasons, BigDecimal difference) {
    }

    static WhatIfResult of(WhatIf whatIf, List<PricedClaim> claims) {
        List<ProgramTotals> programs = java.util.Arrays.stream(Program.values()).map(p -> totals(p.publicName(),
                claims.stream().filter(c -> c.program() == p).toList())).toList();
        return new WhatIfResult(whatIf.id(), whatIf.from(), whatIf.to(), whatIf.status().name(), whatIf.createdBy(), whatIf.draft(),
                programs, claims.stream().map(c -> new ClaimChange(c.claimId(), c.program().publicName(), c.bankCode(), c.uscc(),
                        c.industryCode(), c.district(), c.triggerDate(), c.base(), c.beforeStatus(), c.beforeAmount(),
                        c.beforeReasons(), c.afterStatus(), c.afterAmount(), c.afterReasons(),
                        c.afterAmount().subtract(c.beforeAmount()))).toList());
    }

    static ProgramTotals totals(String name, List<PricedClaim> claims) {
        BigDecimal before = claims.stream().map(PricedClaim::beforeAmount).reduce(new BigDecimal("0.00"), BigDecimal::add);
        BigDecimal after = claims.stream().map(PricedClaim::afterAmount).reduce(new BigDecimal("0.00"), BigDecimal::add);
        return new ProgramTotals(name, (int) claims.stream().filter(c -> c.beforeAmount().signum() > 0).count(), before,
                (int) claims.stream().filter(c -> c.afterAmount().signum() > 0).count(), after, after.subtract(before));
    }
}
