package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.subsidy.claims.Actor;
import cn.shanghai.techfinance.subsidy.claims.CapUsageStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore.UnitUpdate;
import cn.shanghai.techfinance.subsidy.lifecycle.AutomaticTransitions;
import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of firms' results in the chunk's transaction: claims (and their events, through
 * the outbox), units marked claimed, cap totals, and the defaults new claims reopen. All or nothing, so a crash mid-night leaves each
 * firm either untouched or done.
 */
class FirmClaimsWriter implements ItemWriter<FirmClaims> {

    private final ClaimStore claims;
    private final ClaimUnitStore units;
    private final CapUsageStore capUsage;
    private final AutomaticTransitions transitions;
    private final LocalDate businessDate;

    FirmClaimsWriter(ClaimStore claims, ClaimUnitStore units, CapUsageStore capUsage, AutomaticTransitions transitions,
                     LocalDate businessDate) {
        this.claims = claims;
        this.units = units;
        this.capUsage = capUsage;
        this.transitions = transitions;
        this.businessDate = businessDate;
    }

    @Override
    public void write(Chunk<? extends FirmClaims> chunk) {
        List<ClaimRecord> newClaims = new ArrayList<>();
        List<UnitUpdate> unitUpdates = new ArrayList<>();
        Map<CapBucket, BigDecimal> capTotals = new HashMap<>();
        for (FirmClaims firm : chunk) {
            newClaims.addAll(firm.claims());
            unitUpdates.addAll(firm.units());
            capTotals.putAll(firm.capTotals());
        }
        claims.insert(newClaims, Actor.night(businessDate));
        transitions.reopenDefaultsOf(newClaims);
        units.update(unitUpdates);
        capUsage.save(capTotals);
    }
}
