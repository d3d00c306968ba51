package cn.shanghai.techfinance.subsidy.settlement;

import cn.shanghai.techfinance.subsidy.documents.CreditTransferInitiation;
import cn.shanghai.techfinance.subsidy.documents.CreditTransferInitiation.Debtor;
import cn.shanghai.techfinance.subsidy.documents.Pain001Writer;
import cn.shanghai.techfinance.subsidy.documents.PaymentInstruction;
import cn.shanghai.techfinance.subsidy.documents.PaymentsCsv;
import cn.shanghai.techfinance.subsidy.settlement.SettlementStore.HeldClaim;
import cn.shanghai.techfinance.subsidy.settlement.SettlementStore.Settlement;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * An approved settlement's payment file (payments.csv) and its ISO 20022 pain.001 message, from the
 * city's paying account ({@code subsidy.settlement.debtor.*}). Only once approved: before that its
 * instructions may still shrink (claims left out at approval), and a file is what the bank pays.
 * Both are written from the stored settlement alone, so every download of one is the same file.
 */
@Component
public class PaymentFiles {

    private final SettlementStore store;
    private final Debtor debtor;

    public PaymentFiles(SettlementStore store, @Value("${subsidy.settlement.debtor.name}") String debtorName,
                        @Value("${subsidy.settlement.debtor.account}") String debtorAccount,
                        @Value("${subsidy.settlement.debtor.agent}") String debtorAgent) {
        this.store = store;
        this.debtor = new Debtor(debtorName, debtorAccount, debtorAgent);
    }

    public String paymentsCsv(long settlementId) {
        return PaymentsCsv.write(instructions(approved(settlementId)));
    }

    public byte[] pain001(long settlementId) {
        Settlement settlement = approved(settlementId);
        // one message per settlement: its id names it, its approval dates it and asks the bank to pay that day
        return Pain001Writer.write(new CreditTransferInitiation("SETTLEMENT-" + settlementId,
                settlement.approvedAt().toInstant(ZoneOffset.UTC), settlement.approvedOn(), debtor, instructions(settlement)));
    }

    private Settlement approved(long settlementId) {
        Settlement settlement = store.find(settlementId).orElseThrow(() -> new SettlementNotFound("no settlement " + settlementId));
        if (settlement.state() != SettlementState.APPROVED && settlement.state() != SettlementState.RECONCILED) {
            throw new SettlementRefused("settlement " + settlementId + " is " + settlement.state()
                    + ": its payment file is issued once it is approved");
        }
        return settlement;
    }

    private List<PaymentInstruction> instructions(Settlement settlement) {
        Map<String, List<String>> claimsByInstruction = store.claims(settlement.id()).stream()
                .filter(c -> c.outcome() != ClaimOutcome.LEFT_OUT)
                .collect(Collectors.groupingBy(HeldClaim::instructionId, Collectors.mapping(HeldClaim::claimId, Collectors.toList())));
        return store.instructions(settlement.id()).stream()
                .map(i -> new PaymentInstruction(i.id(), i.payeeUscc(), i.payeeName(), i.payeeAccount(), i.payeeBank(), i.amount(),
                        claimsByInstruction.get(i.id())))
                .toList();
    }
}
