package cn.shanghai.techfinance.notifier.consume;

import cn.shanghai.techfinance.contracts.BankCode;
import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.contracts.intake.IntakeOutcome;
import cn.shanghai.techfinance.contracts.results.BankResult;
import cn.shanghai.techfinance.contracts.results.ClaimChanged;
import cn.shanghai.techfinance.contracts.results.EventDecided;
import cn.shanghai.techfinance.notifier.delivery.Channel;
import cn.shanghai.techfinance.notifier.delivery.DeliveryLedger;
import cn.shanghai.techfinance.notifier.delivery.NewDelivery;
import cn.shanghai.techfinance.notifier.email.ClaimMail;
import cn.shanghai.techfinance.notifier.registration.BankWebhooks;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns consumed outcomes and claim events into the deliveries they owe, written to the ledger in
 * the same transaction; the Kafka offsets are committed after it commits. A record consumed again
 * (a replay, a redelivered batch, a duplicate from an outbox) maps to the same
 * (recipient, channel, event id) and adds nothing.
 * <ul>
 *   <li>an outcome of a bank's event → that bank: its results topic, and its webhook if it has one;</li>
 *   <li>a claim change → the lending bank likewise, and the firm by email when the change is one
 *       firms are told about ({@link ClaimMail#isNotice}).</li>
 * </ul>
 * Outcomes of the credit platform's events concern no bank and are not sent back. A record that is
 * no readable outcome or claim is kept in the dead letters; one that fails on its own when recorded
 * is set aside there by {@link #deadLetter} (see {@code BatchFailures}).
 */
@Service
public class NotificationIntake {

    private static final Logger log = LoggerFactory.getLogger(NotificationIntake.class);

    private static final Function<ConsumedRecord, Owed> OUTCOME = record -> {
        IntakeOutcome outcome = ContractJson.read(record.value(), IntakeOutcome.class);
        return new Owed(BankResult.of(EventDecided.of(outcome), outcome.decidedAt()), outcome.bankCode(), null);
    };
    private static final Function<ConsumedRecord, Owed> CLAIM = record -> {
        ClaimEvent claim = ContractJson.read(record.value(), ClaimEvent.class);
        String firm = ClaimMail.isNotice(claim.status()) ? claim.uscc() : null;
        return new Owed(BankResult.of(ClaimChanged.of(claim), claim.changedAt()), claim.bankCode(), firm);
    };

    private final DeliveryLedger ledger;
    private final BankWebhooks webhooks;
    private final DeadLetters deadLetters;
    private final Clock clock;

    public NotificationIntake(DeliveryLedger ledger, BankWebhooks webhooks, DeadLetters deadLetters, Clock clock) {
        this.ledger = ledger;
        this.webhooks = webhooks;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @Transactional
    public void takeOutcomes(List<ConsumedRecord> records) {
        take(records, OUTCOME);
    }

    @Transactional
    public void takeClaims(List<ConsumedRecord> records) {
        take(records, CLAIM);
    }

    /**
     * Sets aside a record that was read but failed on its own when recorded (a delivery the ledger
     * refuses), in a transaction of its own, with the failure for the operator; the records after
     * it go on.
     */
    @Transactional
    public void deadLetter(ConsumedRecord record, Throwable failure) {
        String resultId;
        try {
            resultId = (Topics.SUBSIDY_CLAIMS.equals(record.topic()) ? CLAIM : OUTCOME).apply(record).result().id();
        } catch (RuntimeException unreadable) {
            resultId = null;
        }
        deadLetters.keep(record, resultId, DeadLetters.Reason.FAILED, failure.toString(), clock.instant());
    }

    private void take(List<ConsumedRecord> records, Function<ConsumedRecord, Owed> read) {
        Instant now = clock.instant();
        Set<String> withWebhook = webhooks.banks();
        List<NewDelivery> deliveries = new ArrayList<>();
        for (ConsumedRecord record : records) {
            Owed owed;
            try {
                owed = read.apply(record);
            } catch (RuntimeException e) {
                // not JSON, a field missing, a value out of form: nothing to send, keep it for the operator
                log.warn("unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
                deadLetters.keep(record, null, DeadLetters.Reason.UNREADABLE, e.toString(), now);
                continue;
            }
            owed.addTo(deliveries, withWebhook);
        }
        ledger.addPending(deliveries, now);
    }

    /** One result, owed to a bank (null: none) and to a firm (null: none). */
    private record Owed(BankResult result, String bankCode, String uscc) {

        void addTo(List<NewDelivery> deliveries, Set<String> withWebhook) {
            byte[] payload = ContractJson.write(result);
            if (BankCode.isValid(bankCode)) {
                deliveries.add(new NewDelivery(bankCode, Channel.KAFKA, result.id(), payload));
                if (withWebhook.contains(bankCode)) {
                    deliveries.add(new NewDelivery(bankCode, Channel.WEBHOOK, result.id(), payload));
                }
            }
            if (Uscc.isValid(uscc)) {
                deliveries.add(new NewDelivery(uscc, Channel.EMAIL, result.id(), payload));
            }
        }
    }
}
