package cn.shanghai.techfinance.subsidy.lifecycle;

import cn.shanghai.techfinance.subsidy.claims.Actor;
import cn.shanghai.techfinance.subsidy.claims.ClaimChange;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An officer records that a clawed-back subsidy was paid back (CLAWBACK_DUE → RECOVERED). Recording
 * it again answers the claim as it is: a repeated request (a retry, a double click) changes nothing.
 */
@Service
public class Recoveries {

    private final ClaimStore claims;

    public Recoveries(ClaimStore claims) {
        this.claims = claims;
    }

    /** A claim that is neither due back nor recovered: there is nothing to recover. */
    public static class NotDueBack extends RuntimeException {

        public NotDueBack(ClaimRecord claim) {
            super("claim " + claim.claimId() + " is " + claim.status() + ": only a claim in CLAWBACK_DUE (待追回) can be recorded"
                    + " as recovered");
        }
    }

    /**
     * The claim RECOVERED by {@code officer} (the reference is theirs: the bank transfer, the receipt);
     * empty when there is no such claim.
     *
     * @throws NotDueBack when the claim is in another state
     */
    @Transactional
    public Optional<ClaimRecord> record(String claimId, Actor officer) {
        Optional<ClaimRecord> claim = claims.lock(claimId);
        if (claim.isEmpty() || claim.get().status() == ClaimStatus.RECOVERED) {
            return claim;
        }
        ClaimRecord before = claim.get();
        if (before.status() != ClaimStatus.CLAWBACK_DUE) {
            throw new NotDueBack(before);
        }
        ClaimRecord recovered = before.withState(ClaimStatus.RECOVERED);
        claims.changeState(List.of(new ClaimChange(before, recovered)), officer);
        return claims.find(claimId);
    }
}
