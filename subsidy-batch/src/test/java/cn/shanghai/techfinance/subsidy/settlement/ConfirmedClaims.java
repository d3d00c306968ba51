package cn.shanghai.techfinance.subsidy.settlement;

import cn.shanghai.techfinance.subsidy.claims.Actor;
import cn.shanghai.techfinance.subsidy.claims.ClaimChange;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.claims.Payee;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.Program;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CONFIRMED claims for the settlement tests, cheaply: LYD claims stored as a night computes them,
 * then moved COMPUTED → PUBLISHED → CONFIRMED through {@link ClaimStore#changeState} (the
 * publication and confirmation API is not this package's). Each test keeps to its own bank code and
 * its own trigger period in 2019, which no other test's claims reach.
 */
final class ConfirmedClaims {

    private final ClaimStore claims;
    private final TransactionTemplate transaction;
    private final String bank;

    ConfirmedClaims(ClaimStore claims, PlatformTransactionManager transactions, String bank) {
        this.claims = claims;
        this.transaction = new TransactionTemplate(transactions);
        this.bank = bank;
    }

    /** A CONFIRMED LYD claim of {@code amount} on approval {@code approvalNo}, to be paid to the firm's {@code account}. */
    ClaimRecord confirmed(String approvalNo, String uscc, LocalDate triggerDate, String amount, String account) {
        String id = ClaimRecord.claimId(Program.LYD, bank, approvalNo, null, null);
        BigDecimal value = new BigDecimal(amount);
        ClaimRecord computed = ClaimRecord.computed(id, Program.LYD, bank, uscc, "APP-" + approvalNo, approvalNo, null, null,
                triggerDate, value.multiply(BigDecimal.valueOf(2)), new BigDecimal("0.5000"), value, ClaimStatus.COMPUTED, List.of(),
                "2025.1", triggerDate);
        LocalDate publishedOn = triggerDate.plusDays(1);
        ClaimRecord published = computed.published(publishedOn, publishedOn.plusDays(3));
        ClaimRecord confirmed = published.confirmed(new Payee("企业" + uscc.substring(12), account, "上海浦东发展银行"));
        transaction.executeWithoutResult(status -> {
            claims.insert(List.of(computed), Actor.night(triggerDate));
            claims.changeState(List.of(new ClaimChange(computed, published)), new Actor("officer", publishedOn, "test publication"));
            claims.changeState(List.of(new ClaimChange(published, confirmed)), new Actor("firm", publishedOn.plusDays(1), null));
        });
        return confirmed;
    }

    /** The claim cancelled now, as a night would on its loan's default or policy's cancellation: no longer CONFIRMED. */
    void cancel(String claimId) {
        transaction.executeWithoutResult(status -> {
            ClaimRecord now = claims.lock(claimId).orElseThrow();
            claims.changeState(List.of(new ClaimChange(now, now.withState(ClaimStatus.CANCELLED))),
                    Actor.night(now.triggerDate().plusDays(10)));
        });
    }

    ClaimStatus status(String claimId) {
        return claims.find(claimId).orElseThrow().status();
    }
}
