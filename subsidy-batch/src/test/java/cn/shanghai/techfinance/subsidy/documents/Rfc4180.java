package cn.shanghai.techfinance.subsidy.documents;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for the tests: what a conforming reader makes of the files written. */
final class Rfc4180 {

    private Rfc4180() {
    }

    /** The records of a text; each record ends in LF or CRLF; a bare quote in an unquoted field fails. */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("unterminated quoted field in record " + (records.size() + 1));
                    }
                    char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(q);
                    }
                }
                if (i < text.length() && ",\r\n".indexOf(text.charAt(i)) < 0) {
                    throw new IllegalArgumentException("text after a closing quote in record " + (records.size() + 1));
                }
                continue;
            }
            if (c == '"' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                throw new IllegalArgumentException("bare " + (c == '"' ? "quote" : "CR") + " in record " + (records.size() + 1));
            }
            if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                i += c == '\r' ? 1 : 0;
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
            i++;
        }
        if (!field.isEmpty() || !record.isEmpty()) {
            throw new IllegalArgumentException("last record does not end in a line break");
        }
        return records;
    }
}
