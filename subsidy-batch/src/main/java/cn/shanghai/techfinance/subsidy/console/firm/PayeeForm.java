package cn.shanghai.techfinance.subsidy.console.firm;

import cn.shanghai.techfinance.subsidy.claims.Payee;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The confirm form's payee (收款人) as typed, and what is wrong with it: the rules of the API's
 * confirmation (an account of 8–32 digits, a name and a bank of 1–100 characters), except that the
 * spaces people type between groups of digits are dropped from the account.
 */
record PayeeForm(String payeeName, String payeeAccount, String payeeBank) {

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{8,32}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final int MAX_NAME = 100;

    static PayeeForm empty() {
        return new PayeeForm("", "", "");
    }

    /** Each field's problem as a message key of {@code console/firm*.properties}, in the form's order; empty when valid. */
    Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        text("payeeName", payeeName, problems);
        String account = account();
        if (account.isEmpty()) {
            problems.put("payeeAccount", "firm.payee.payeeAccount.missing");
        } else if (!ACCOUNT.matcher(account).matches()) {
            problems.put("payeeAccount", "firm.payee.payeeAccount.invalid");
        }
        text("payeeBank", payeeBank, problems);
        return problems;
    }

    /** The payee to confirm with; only for a form without {@link #problems()}. */
    Payee payee() {
        return new Payee(payeeName.strip(), account(), payeeBank.strip());
    }

    private String account() {
        return payeeAccount == null ? "" : SPACES.matcher(payeeAccount).replaceAll("");
    }

    private static void text(String field, String value, Map<String, String> problems) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            problems.put(field, "firm.payee." + field + ".missing");
        } else if (trimmed.codePointCount(0, trimmed.length()) > MAX_NAME) {
            problems.put(field, "firm.payee.tooLong");
        }
    }
}
