package cn.shanghai.techfinance.contracts;

import java.util.regex.Pattern;

/** A bank's code in topic names and sources: 2–16 of A–Z, 0–9, '-' (e.g. ICBC-SH). */
public final class BankCode {

    private static final Pattern FORM = Pattern.compile("[A-Z0-9-]{2,16}");

    private BankCode() {
    }

    public static boolean isValid(String code) {
        return code != null && FORM.matcher(code).matches();
    }

    static String require(String code) {
        if (!isValid(code)) {
            throw new IllegalArgumentException("not a bank code: " + code);
        }
        return code;
    }
}
