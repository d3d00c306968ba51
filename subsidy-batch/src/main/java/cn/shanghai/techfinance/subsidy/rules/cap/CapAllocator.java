package cn.shanghai.techfinance.subsidy.rules.cap;

import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import cn.shanghai.techfinance.subsidy.rules.CapLimit;
import cn.shanghai.techfinance.subsidy.rules.ClaimAssessment;
import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.Money;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 补贴上限: eligible claims take from their firm's caps in {@link ClaimAssessment#CAP_ORDER}; the
 * claim that crosses a cap gets the remainder (CAP_PARTIAL), later ones 0.00 (CAP_REACHED).
 * Ineligible claims take nothing. One allocator serves every programme, since each claim names
 * the buckets it draws on and their limits; a bucket that is one claim's alone keeps no total.
 *
 * <p>The nightly run is incremental: amounts granted by earlier runs come in as bucket totals and
 * are taken before any claim of this run, whatever their dates. Those totals keep what cancelled
 * claims took: a later cancellation does not give cap back.
 */
public final class CapAllocator {

    /**
     * @param claims the claims of this run, in any order; each key at most once
     * @param alreadyAllocated per bucket, the total granted by earlier runs; absent means 0.00
     */
    public CapAllocation allocate(Collection<ClaimAssessment> claims, Map<CapBucket, BigDecimal> alreadyAllocated) {
        Map<CapBucket, BigDecimal> totals = new HashMap<>();
        alreadyAllocated.forEach((bucket, total) -> {
            if (total.signum() < 0 || total.stripTrailingZeros().scale() > 2) {
                throw new IllegalArgumentException("allocated total of " + bucket + " is not an amount in fen: " + total);
            }
            totals.put(bucket, total);
        });
        Set<ClaimKey> keys = new HashSet<>();
        List<AllocatedClaim> allocated = new ArrayList<>();
        for (ClaimAssessment claim : claims.stream().sorted(ClaimAssessment.CAP_ORDER).toList()) {
            if (!keys.add(claim.key())) {
                throw new IllegalArgumentException("claim " + claim.key() + " given twice");
            }
            allocated.add(claim.eligible() ? take(claim, totals) : new AllocatedClaim(claim, Money.ZERO, claim.reasons()));
        }
        return new CapAllocation(allocated, totals);
    }

    private static AllocatedClaim take(ClaimAssessment claim, Map<CapBucket, BigDecimal> totals) {
        BigDecimal granted = claim.amount();
        for (CapLimit cap : claim.caps()) {
            BigDecimal room = cap.limit().subtract(totals.getOrDefault(cap.bucket(), Money.ZERO)).max(Money.ZERO);
            granted = granted.min(room);
        }
        for (CapLimit cap : claim.caps()) {
            if (cap.bucket().kind().shared()) {
                totals.merge(cap.bucket(), granted, BigDecimal::add);
            }
        }
        List<ReasonCode> reasons = new ArrayList<>(claim.reasons());
        if (granted.compareTo(claim.amount()) < 0) {
            reasons.add(granted.signum() == 0 ? ReasonCode.CAP_REACHED : ReasonCode.CAP_PARTIAL);
        }
        return new AllocatedClaim(claim, granted.setScale(2), reasons);
    }
}
