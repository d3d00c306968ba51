package cn.shanghai.techfinance.subsidy.documents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the pain.001 message of a settlement says: who pays (the treasury's account), when, and the
 * instructions. Its lengths are checked when it is written ({@link Pain001Writer}).
 *
 * @param msgId                  unique per message, at most 35 characters; also the PmtInfId of its one payment
 * @param createdAt              the CreDtTm (written at Asia/Shanghai offset, to the second)
 * @param requestedExecutionDate the business date the bank is asked to pay on
 */
public record CreditTransferInitiation(String msgId, Instant createdAt, LocalDate requestedExecutionDate,
                                       Debtor debtor, List<PaymentInstruction> instructions) {

    public CreditTransferInitiation {
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(requestedExecutionDate, "requestedExecutionDate");
        Objects.requireNonNull(debtor, "debtor");
        instructions = List.copyOf(instructions);
    }

    /**
     * The paying account.
     *
     * @param agentId the debtor's bank: written as {@code BICFI} when it is a BIC (ISO 9362, e.g.
     *                {@code SPDBCNSH}), otherwise as {@code Othr/Id} (e.g. a CNAPS bank code)
     */
    public record Debtor(String name, String account, String agentId) {

        public Debtor {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(agentId, "agentId");
        }
    }
}
