package cn.shanghai.techfinance.subsidy.nightly;

import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimUnitStore.UnitUpdate;
import cn.shanghai.techfinance.subsidy.rules.CapBucket;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** What one night decided for one firm: its new claims, its units, and its caps' new totals. */
record FirmClaims(String uscc, List<ClaimRecord> claims, List<UnitUpdate> units, Map<CapBucket, BigDecimal> capTotals) {
}
