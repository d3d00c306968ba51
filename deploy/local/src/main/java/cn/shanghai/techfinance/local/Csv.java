package cn.shanghai.techfinance.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CSV as RFC 4180 has it, for the files the local run writes and the ones it reads back from the
 * services (the claims export, a settlement's payment file): a field holding a comma, a quote or a
 * line break is quoted, its quotes doubled; every other field is written as it is. Lines end in
 * {@code \n}, as the services' files do.
 */
final class Csv {

    private Csv() {
    }

    /** One line of fields, ended; a null field is empty. */
    static String line(Object... fields) {
        return line(Arrays.asList(fields));
    }

    static String line(List<?> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(field(fields.get(i) == null ? "" : fields.get(i).toString()));
        }
        return line.append('\n').toString();
    }

    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /**
     * Every record of a CSV text, fields unquoted; a quoted field may hold line breaks. Lines may end
     * in {@code \n} or {@code \r\n}; an empty last line is no record.
     *
     * @throws IllegalArgumentException on a quote that is not closed, or text after a closing quote
     */
    static List<List<String>> read(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
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
                        throw new IllegalArgumentException("CSV line " + opened + ": a quoted field is not closed");
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
                    throw new IllegalArgumentException("CSV line " + line + ": text after a closing quote");
                }
                atFieldStart = false;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                atFieldStart = true;
                i++;
            } else if (c == '\n' || c == '\r') {
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                atFieldStart = true;
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
            } else {
                field.append(c);
                atFieldStart = false;
                i++;
            }
        }
        if (!atFieldStart || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
