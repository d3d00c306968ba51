package cn.shanghai.techfinance.logging;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what a log must not carry in clear:
 * <ul>
 *   <li>bearer tokens ({@code Bearer <token>}) and JWTs ({@code eyJ…} in three dot-separated base64url
 *       parts), wholly;</li>
 *   <li>USCCs (统一社会信用代码, 18 characters of GB 32100-2015's alphabet, the 3rd to 8th digits),
 *       keeping the first 2 and the last 2 characters ({@code 91**************7X});</li>
 *   <li>bank account numbers, any run of 12 or more digits, keeping the last 4 ({@code ************3456}).</li>
 * </ul>
 * A value counts only on its own, not inside a longer word, number or amount ({@code 1234567890123.45}).
 * Masked text is never masked again, so the result is stable.
 */
public final class SensitiveValues {

    static final String MASKED_TOKEN = "[masked]";

    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer)(\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern USCC = Pattern.compile(
            "(?<![0-9A-Za-z])([0-9A-HJ-NPQRTUWXY]{2})([0-9]{6}[0-9A-HJ-NPQRTUWXY]{8})([0-9A-HJ-NPQRTUWXY]{2})(?![0-9A-Za-z])");
    private static final Pattern ACCOUNT = Pattern.compile("(?<![0-9A-Za-z.])([0-9]{8,})([0-9]{4})(?![0-9A-Za-z]|\\.[0-9])");

    private SensitiveValues() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty() || !mayHoldAny(text)) {
            return text;
        }
        String masked = BEARER.matcher(text).replaceAll("$1$2" + MASKED_TOKEN);
        masked = JWT.matcher(masked).replaceAll(MASKED_TOKEN);
        masked = replace(USCC, masked, m -> m.group(1) + "*".repeat(m.group(2).length()) + m.group(3));
        return replace(ACCOUNT, masked, m -> "*".repeat(m.group(1).length()) + m.group(2));
    }

    /** A cheap look before the patterns: most log lines have no run of 12 digits, no USCC and no token. */
    private static boolean mayHoldAny(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits >= 6) {
                    return true;
                }
            } else {
                digits = 0;
            }
        }
        return text.contains("eyJ") || text.toLowerCase(Locale.ROOT).contains("bearer");
    }

    private static String replace(Pattern pattern, String text, Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
