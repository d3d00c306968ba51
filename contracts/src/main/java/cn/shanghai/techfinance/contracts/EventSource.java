package cn.shanghai.techfinance.contracts;

import java.util.Optional;

/** The CloudEvents {@code source} values the contract allows. */
public final class EventSource {

    public static final String CREDIT_PLATFORM = "credit-platform";
    private static final String BANK_PREFIX = "bank/";

    private EventSource() {
    }

    public static String bank(String bankCode) {
        return BANK_PREFIX + BankCode.require(bankCode);
    }

    /** The bank code of a {@code bank/<code>} source, or empty for any other source. */
    public static Optional<String> bankCode(String source) {
        if (source != null && source.startsWith(BANK_PREFIX)) {
            String code = source.substring(BANK_PREFIX.length());
            if (BankCode.isValid(code)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }

    public static boolean isValid(String source) {
        return CREDIT_PLATFORM.equals(source) || bankCode(source).isPresent();
    }
}
