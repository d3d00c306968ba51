package cn.shanghai.techfinance.subsidy.publication;

import cn.shanghai.techfinance.subsidy.claims.Actor;
import cn.shanghai.techfinance.subsidy.claims.ClaimChange;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.claims.Payee;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A firm confirms its published claim (公示确认) and names its payee, on or before the claim's
 * confirmBy (business date); the claim becomes CONFIRMED, ready for settlement.
 */
@Service
public class Confirmations {

    private final ClaimStore claims;
    private final BusinessClock businessClock;

    public Confirmations(ClaimStore claims, BusinessClock businessClock) {
        this.claims = claims;
        this.businessClock = businessClock;
    }

    /**
     * Confirms the firm's claim; a claim already CONFIRMED is answered as stored (a repeat changes
     * nothing, whatever payee it names). The claim is locked meanwhile, so a night forfeiting it
     * either waits or has already won (then the claim is FORFEITED here, and refused).
     */
    @Transactional
    public ClaimRecord confirm(String uscc, String claimId, Payee payee, String user) {
        ClaimRecord claim = claims.lock(claimId).filter(c -> c.uscc().equals(uscc))
                .orElseThrow(() -> new NoSuchClaim(uscc, claimId));
        if (claim.status() == ClaimStatus.CONFIRMED) {
            return claim;
        }
        if (claim.status() != ClaimStatus.PUBLISHED) {
            throw new ConfirmationRefused(ConfirmationRefused.Why.NOT_PUBLISHED,
                    "claim " + claimId + " is " + claim.status() + ", not PUBLISHED: it cannot be confirmed");
        }
        LocalDate today = businessClock.today();
        if (today.isAfter(claim.confirmationDeadline())) {
            throw new ConfirmationRefused(ConfirmationRefused.Why.TOO_LATE, "claim " + claimId + " had to be confirmed by "
                    + claim.confirmationDeadline() + " (确认截止日); today is " + today + ": too late to confirm");
        }
        ClaimRecord confirmed = claim.confirmed(payee);
        claims.changeState(List.of(new ClaimChange(claim, confirmed)), new Actor(user, today, null));
        return confirmed;
    }
}
