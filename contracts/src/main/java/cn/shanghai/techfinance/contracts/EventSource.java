package cn.shanghai.techfinance.contracts;

import java.util.Optional;

/** The CloudEvents {@code source} values the contract allows. */
public final class EventSource {

    public static final String CREDIT_PLATFORM = "credit-platform";
    private static final String BANK_PREFIX = "bank/";
    private static final String INSURER_PREFIX = "insurer/";

    private EventSource() {
    }

    public static String bank(String bankCode) {
        return BANK_PREFIX + BankCode.require(bankCode);
    }

    /** An insurer's source (科技保险, bank-events.md "Insurers"); its code has a bank code's form. */
    public static String insurer(String insurerCode) {
        return INSURER_PREFIX + BankCode.require(insurerCode);
    }

    /** The bank code of a {@code bank/<code>} source, or empty for any other source. */
    public static Optional<String> bankCode(String source) {
        return code(source, BANK_PREFIX);
    }

    /** The insurer code of an {@code insurer/<code>} source, or empty for any other source. */
    public static Optional<String> insurerCode(String source) {
        return code(source, INSURER_PREFIX);
    }

    /** The code of a bank's or an insurer's source (one namespace), or empty for the credit platform and any other source. */
    public static Optional<String> senderCode(String source) {
        return bankCode(source).or(() -> insurerCode(source));
    }

    public static boolean isValid(String source) {
        return CREDIT_PLATFORM.equals(source) || bankCode(source).isPresent() || insurerCode(source).isPresent();
    }

    private static Optional<String> code(String source, String prefix) {
        if (source != null && source.startsWith(prefix)) {
            String code = source.substring(prefix.length());
            if (BankCode.isValid(code)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
