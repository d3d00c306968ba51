package cn.shanghai.techfinance.subsidy.documents;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One credit transfer of a settlement: what one payee account of one firm receives, and the claims
 * it pays (in claim-id order). The payment file (CSV) and the pain.001 message are written from it.
 *
 * @param instructionId {@code S<settlementId>-<nnnnn>}
 * @param amount        yuan, above 0.00, at most two decimals
 * @param claimIds      at least one
 */
public record PaymentInstruction(String instructionId, String payeeUscc, String payeeName, String payeeAccount,
                                 String payeeBank, BigDecimal amount, List<String> claimIds) {

    public PaymentInstruction {
        Objects.requireNonNull(instructionId, "instructionId");
        Objects.requireNonNull(payeeUscc, "payeeUscc");
        Objects.requireNonNull(payeeName, "payeeName");
        Objects.requireNonNull(payeeAccount, "payeeAccount");
        Objects.requireNonNull(payeeBank, "payeeBank");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException(instructionId + ": amount must be above 0.00 with at most two decimals, was " + amount);
        }
        claimIds = List.copyOf(claimIds);
        if (claimIds.isEmpty()) {
            throw new IllegalArgumentException(instructionId + ": an instruction pays at least one claim");
        }
    }

    /** Count and control total (Σ amounts) of a payment file: the CSV's trailer, pain.001's NbOfTxs and CtrlSum. */
    public record Totals(int count, BigDecimal controlTotal) {

        public static Totals of(List<PaymentInstruction> instructions) {
            BigDecimal sum = instructions.stream().map(PaymentInstruction::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Totals(instructions.size(), sum.setScale(2));
        }
    }
}
