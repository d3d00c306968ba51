package cn.shanghai.techfinance.subsidy.rules;

import java.time.LocalDate;

/** 公示确认: a published claim its firm did not confirm by {@code confirmBy} is FORFEITED the day after. */
public final class UnconfirmedForfeiture {

    private UnconfirmedForfeiture() {
    }

    /** The forfeiture's effective date: the day after the last day to confirm. */
    public static LocalDate effectiveOn(LocalDate confirmBy) {
        return confirmBy.plusDays(1);
    }

    /** Whether a claim in {@code status} with this {@code confirmBy} is forfeited as of {@code businessDate}. */
    public static boolean forfeits(ClaimStatus status, LocalDate confirmBy, LocalDate businessDate) {
        return status == ClaimStatus.PUBLISHED && confirmBy != null && confirmBy.isBefore(businessDate);
    }
}
