package cn.shanghai.techfinance.subsidy.documents;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Fields and lines of every CSV the service writes (claims export, payment file, publication list),
 * quoted as RFC 4180 requires: a field holding a comma, a double quote, CR or LF is enclosed in
 * double quotes, and its double quotes are doubled; every other field is written as it is.
 *
 * <p>Lines end in LF, as the existing exports always have; a reader that follows RFC 4180 accepts
 * it, and a line break inside a quoted field stays part of the field.
 */
public final class Csv {

    public static final String EOL = "\n";

    private Csv() {
    }

    /** One field, quoted if it must be; null is the empty field. */
    public static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** One line: the fields quoted and joined by commas, ending in {@link #EOL}. */
    public static String line(String... fields) {
        return line(Arrays.asList(fields));
    }

    /** One line: the fields quoted and joined by commas, ending in {@link #EOL}. */
    public static String line(List<String> fields) {
        return fields.stream().map(Csv::field).collect(Collectors.joining(",", "", EOL));
    }

    /**
     * An amount of yuan as the files carry it: plain, two decimals ({@code 1234.50}). An amount with
     * more than two decimals is refused (ArithmeticException) rather than rounded: it is a bug upstream.
     */
    public static String amount(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }
}
