package cn.shanghai.techfinance.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.intake.consume.ArrivedParentSweeper;
import cn.shanghai.techfinance.intake.ledger.FactKey;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore.EventKey;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore.EventRow;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A child left parked although its parent is in the ledger, as two consumers deciding them side by
 * side can leave it (see {@code IntakeProcessor.applyArrivedParents}): it is applied after all, its
 * facts written and its outcome published, as if the parent's batch had found it.
 */
class ArrivedParentTest extends IntakeIntegrationTest {

    private static final String BANK = "ARRIVED-SH";
    private static final String SOURCE = EventSource.bank(BANK);

    @Autowired
    private IntakeEventStore store;

    @Autowired
    private TransactionTemplate transaction;

    @Autowired
    private ArrivedParentSweeper sweeper;

    @Test
    void aChildParkedWhileItsParentCommittedIsAppliedAfterAll() {
        List<BankEvent> loan = TestEvents.exampleLoan(BANK, "arr-", 41);
        BankEvent application = loan.get(0);
        BankEvent approval = loan.get(1);
        BankEvent contract = loan.get(2);
        send(List.of(application, approval));
        assertThat(awaitStatus(SOURCE, approval.id())).isEqualTo("ACCEPTED");

        // the contract as the other consumer's batch left it: parked, waiting for the approval just committed
        Instant now = Instant.now();
        EventKey key = new EventKey(SOURCE, contract.id());
        FactKey awaiting = FactKey.requiredBy(contract.data()).get(0);
        assertThat(awaiting.key()).isEqualTo("APPROVAL:arr-P-001");
        transaction.executeWithoutResult(status -> {
            store.insert(List.of(new EventRow(key, contract.type().typeName(), contract.time().toInstant(), Status.PARKED, null,
                    List.of(), Topics.bankEvents(BANK), 1, 7, TestEvents.json(contract).getBytes(StandardCharsets.UTF_8), now, null)));
            store.park(List.of(key), List.of(awaiting), now);
        });

        sweeper.sweep(); // or the sweeper's schedule, if it ran first

        assertThat(awaitStatus(SOURCE, contract.id())).isEqualTo("ACCEPTED");
        assertThat(count("SELECT COUNT(*) FROM parked_event WHERE source = ?", SOURCE)).isZero();
        assertThat(count("SELECT COUNT(*) FROM loan_contract WHERE bank_code = ? AND contract_no = ?", BANK, "arr-C-001")).isEqualTo(1);
        IntakeOutcome outcome = awaitPublished(SOURCE, List.of(contract.id())).get(contract.id()).get(0);
        assertThat(outcome.status()).isEqualTo(IntakeOutcome.Status.ACCEPTED);
        assertThat(outcome.partition()).isEqualTo(1);
        assertThat(outcome.offset()).isEqualTo(7);
    }
}
