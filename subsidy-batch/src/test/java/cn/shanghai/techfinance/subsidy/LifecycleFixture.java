package cn.shanghai.techfinance.subsidy;

import cn.shanghai.techfinance.subsidy.claims.Actor;
import cn.shanghai.techfinance.subsidy.claims.ClaimChange;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.claims.Payee;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.Program;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * People's actions on claims, for the tests of the automatic transitions: publication, confirmation
 * and payment, each through {@link ClaimStore#changeState} as the real ones will (the publication and
 * settlement APIs are built beside this, by issue 10's other lanes). Each acts on its business date.
 */
final class LifecycleFixture {

    static final String ACTOR = "test:fixture";

    private final ClaimStore claims;
    private final TransactionTemplate transaction;

    LifecycleFixture(ClaimStore claims, PlatformTransactionManager transactionManager) {
        this.claims = claims;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    static String lydClaimId(String bank, String key) {
        return ClaimRecord.claimId(Program.LYD, bank, "P-" + key, null, null);
    }

    static String hkzdClaimId(String bank, String key, int installmentNo) {
        return ClaimRecord.claimId(Program.HKZD, bank, null, "HC-" + key, installmentNo);
    }

    ClaimRecord claim(String claimId) {
        return claims.find(claimId).orElseThrow(() -> new AssertionError("no claim " + claimId));
    }

    ClaimRecord publish(String claimId, LocalDate publishedOn, LocalDate confirmBy) {
        return change(claimId, c -> c.published(publishedOn, confirmBy), publishedOn, "LIST-TEST");
    }

    ClaimRecord confirm(String claimId, LocalDate on) {
        return change(claimId, c -> c.confirmed(new Payee("上海测试科技有限公司", "6222021234567890", "测试银行上海分行")), on, null);
    }

    ClaimRecord pay(String claimId, LocalDate on) {
        return change(claimId, c -> c.withState(ClaimStatus.PAID), on, "S-TEST");
    }

    private ClaimRecord change(String claimId, UnaryOperator<ClaimRecord> next, LocalDate on, String reference) {
        transaction.executeWithoutResult(status -> {
            ClaimRecord before = claims.lock(claimId).orElseThrow(() -> new AssertionError("no claim " + claimId));
            claims.changeState(List.of(new ClaimChange(before, next.apply(before))), new Actor(ACTOR, on, reference));
        });
        return claim(claimId);
    }
}
