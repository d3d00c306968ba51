package cn.shanghai.techfinance.subsidy.rules.cap;

import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What one allocation produced.
 *
 * @param claims the claims in the order they took from the caps
 * @param allocatedTotals every bucket's total after this allocation, earlier runs included: the
 *        state to pass to the next run
 */
public record CapAllocation(List<AllocatedClaim> claims, Map<CapBucket, BigDecimal> allocatedTotals) {

    public CapAllocation {
        claims = List.copyOf(claims);
        allocatedTotals = Map.copyOf(allocatedTotals);
    }
}
