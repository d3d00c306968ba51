package cn.shanghai.techfinance.subsidy.rules.hkzd;

import cn.shanghai.techfinance.subsidy.rules.ClaimKey;
import cn.shanghai.techfinance.subsidy.rules.ClaimState;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * After loan.defaulted, the contract's eligible claims not yet paid are cancelled; paid ones are
 * not recovered. Their cap share is not given back.
 */
public final class LoanDefaultCancellation {

    private static final Set<ClaimStatus> ELIGIBLE_UNPAID =
            EnumSet.of(ClaimStatus.COMPUTED, ClaimStatus.PUBLISHED, ClaimStatus.CONFIRMED);

    /**
     * The claims that change: those of the defaulted contract that were eligible and unpaid, now
     * CANCELLED with their notes kept and LOAN_DEFAULTED added. Others are left as they are.
     */
    public List<ClaimState> cancel(String bankCode, String contractNo, Collection<ClaimState> claims) {
        return claims.stream()
                .filter(claim -> claim.key() instanceof ClaimKey.Hkzd key
                        && key.bankCode().equals(bankCode)
                        && key.contractNo().equals(contractNo))
                .filter(claim -> ELIGIBLE_UNPAID.contains(claim.status()))
                .map(claim -> new ClaimState(
                        claim.key(),
                        ClaimStatus.CANCELLED,
                        Stream.concat(claim.reasons().stream(), Stream.of(ReasonCode.LOAN_DEFAULTED)).toList()))
                .sorted(Comparator.comparing(ClaimState::key, ClaimKey.ORDER))
                .toList();
    }
}
