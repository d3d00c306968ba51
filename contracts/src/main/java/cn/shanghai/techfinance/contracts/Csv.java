package cn.shanghai.techfinance.contracts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV as RFC 4180 has it, for every file the system exchanges (claims export, payment files,
 * reconciliation results, publication lists, the local run's reports): a field holding a comma, a
 * double quote, CR or LF is enclosed in double quotes and its quotes doubled; every other field is
 * written as it is.
 *
 * <p>Lines end in LF, as the exports always have; a reader that follows RFC 4180 accepts it, and a
 * line break inside a quoted field stays part of the field. Reading accepts LF and CRLF.
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

    /** One line: the fields (as text; null is empty) quoted and joined by commas, ending in {@link #EOL}. */
    public static String line(Object... fields) {
        return line(Arrays.asList(fields));
    }

    /** One line: the fields (as text; null is empty) quoted and joined by commas, ending in {@link #EOL}. */
    public static String line(List<?> fields) {
        return fields.stream().map(f -> field(f == null ? null : f.toString())).collect(Collectors.joining(",", "", EOL));
    }

    /**
     * An amount of yuan as the files carry it: plain, two decimals ({@code 1234.50}). An amount with
     * more than two decimals is refused (ArithmeticException) rather than rounded: it is a bug upstream.
     */
    public static String amount(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }

    /**
     * Every record of a CSV text, fields unquoted; a quoted field may hold line breaks. Lines may end
     * in {@code \n} or {@code \r\n}; an empty last line is no record.
     *
     * @throws IllegalArgumentException naming the line: a quote that is not closed, text after a closing
     *         quote, a quote inside an unquoted field
     */
    public static List<List<String>> read(String text) {
        return records(text).stream().map(Record::fields).toList();
    }

    /** A record of a CSV text and the line it starts on (1 for the first; a quoted line break counts). */
    public record Record(int line, List<String> fields) {

        public Record {
            fields = List.copyOf(fields);
        }
    }

    /** {@link #read}, each record with the line it starts on: for messages that name the line. */
    public static List<Record> records(String text) {
        List<Record> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        int recordLine = 1;
        StringBuilder field = new StringBuilder();
        int i = 0;
        int line = 1;
        boolean atFieldStart = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (atFieldStart && c == '"') {
                int opened = line;
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("line " + opened + ": a quoted field is not closed");
                    }
                    char q = text.charAt(i++);
                    if (q == '"' && i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (q == '"') {
                        break;
                    } else {
                        line += q == '\n' ? 1 : 0;
                        field.append(q);
                    }
                }
                if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    throw new IllegalArgumentException("line " + line + ": characters after a quoted field's closing quote");
                }
                atFieldStart = false;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                atFieldStart = true;
                i++;
            } else if (c == '\n' || c == '\r') {
                record.add(field.toString());
                records.add(new Record(recordLine, record));
                record = new ArrayList<>();
                field.setLength(0);
                atFieldStart = true;
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
                recordLine = line;
            } else if (c == '"') {
                throw new IllegalArgumentException("line " + line + ": a quote inside an unquoted field (RFC 4180 quotes the whole field)");
            } else {
                field.append(c);
                atFieldStart = false;
                i++;
            }
        }
        if (!atFieldStart || !record.isEmpty()) {
            record.add(field.toString());
            records.add(new Record(recordLine, record));
        }
        return records;
    }
}
