package cn.shanghai.techfinance.contracts.bank;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The event types of contract v1, each with its data record and who may send it. */
public enum EventType {
    LOAN_APPLIED("loan.applied.v1", LoanApplied.class, Sender.BANK),
    LOAN_APPROVED("loan.approved.v1", LoanApproved.class, Sender.BANK),
    LOAN_REJECTED("loan.rejected.v1", LoanRejected.class, Sender.BANK),
    LOAN_DISBURSED("loan.disbursed.v1", LoanDisbursed.class, Sender.BANK),
    POLICY_ISSUED("policy.issued.v1", PolicyIssued.class, Sender.BANK),
    PREMIUM_PAID("premium.paid.v1", PremiumPaid.class, Sender.BANK),
    POLICY_CANCELLED("policy.cancelled.v1", PolicyCancelled.class, Sender.BANK),
    INTEREST_PAID("interest.paid.v1", InterestPaid.class, Sender.BANK),
    PRINCIPAL_REPAID("principal.repaid.v1", PrincipalRepaid.class, Sender.BANK),
    LOAN_OVERDUE("loan.overdue.v1", LoanOverdue.class, Sender.BANK),
    LOAN_SETTLED("loan.settled.v1", LoanSettled.class, Sender.BANK),
    LOAN_DEFAULTED("loan.defaulted.v1", LoanDefaulted.class, Sender.BANK),
    FIRM_DISHONESTY_LISTED("firm.dishonesty-listed.v1", FirmDishonestyListed.class, Sender.CREDIT_PLATFORM),
    FIRM_DISHONESTY_CLEARED("firm.dishonesty-cleared.v1", FirmDishonestyCleared.class, Sender.CREDIT_PLATFORM),
    TECH_POLICY_ISSUED("techpolicy.issued.v1", TechPolicyIssued.class, Sender.INSURER),
    TECH_PREMIUM_PAID("techpolicy.premium-paid.v1", TechPremiumPaid.class, Sender.INSURER),
    TECH_POLICY_CANCELLED("techpolicy.cancelled.v1", TechPolicyCancelled.class, Sender.INSURER);

    /**
     * Banks send loan and (relayed) insurance events; only the credit platform sends the dishonesty
     * list; insurers send their own tech-insurance policies (科技保险).
     */
    public enum Sender {
        BANK, CREDIT_PLATFORM, INSURER
    }

    private static final Map<String, EventType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::typeName, Function.identity()));

    private final String typeName;
    private final Class<? extends EventData> dataType;
    private final Sender sender;

    EventType(String typeName, Class<? extends EventData> dataType, Sender sender) {
        this.typeName = typeName;
        this.dataType = dataType;
        this.sender = sender;
    }

    /** The CloudEvents {@code type} attribute. */
    public String typeName() {
        return typeName;
    }

    public Class<? extends EventData> dataType() {
        return dataType;
    }

    public Sender sender() {
        return sender;
    }

    public static Optional<EventType> fromTypeName(String typeName) {
        return Optional.ofNullable(BY_NAME.get(typeName));
    }

    public static EventType of(EventData data) {
        return Arrays.stream(values()).filter(t -> t.dataType == data.getClass()).findFirst().orElseThrow();
    }
}
