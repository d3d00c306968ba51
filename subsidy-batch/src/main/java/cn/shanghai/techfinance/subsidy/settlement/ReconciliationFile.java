package cn.shanghai.techfinance.subsidy.settlement;

import cn.shanghai.techfinance.contracts.Csv;
import cn.shanghai.techfinance.contracts.Csv.Record;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bank's payment results (回单), CSV as RFC 4180 writes it: the header
 * {@code instruction_id,status,bank_reference,paid_on}, then one line per instruction, status PAID
 * or FAILED, paid_on an ISO date (required when PAID). Read whole before anything is applied: a
 * malformed file is refused naming the line and the field, and changes nothing.
 */
public final class ReconciliationFile {

    public static final String HEADER = "instruction_id,status,bank_reference,paid_on";
    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    private static final int MAX_REFERENCE = 64;
    private static final int MAX_INSTRUCTION_ID = 40;

    private ReconciliationFile() {
    }

    public enum Status { PAID, FAILED }

    /** One result; {@code line} is where its record starts in the file (the header is line 1). */
    public record Line(int line, String instructionId, Status status, String bankReference, LocalDate paidOn) {
    }

    /** The file is not what the bank's results look like: which line, which field, what is wrong. */
    public static class Malformed extends RuntimeException {
        public Malformed(String message) {
            super(message);
        }
    }

    public static List<Line> parse(String text) {
        List<Record> records = records(text == null ? "" : text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (records.isEmpty() || !records.get(0).fields().equals(COLUMNS)) {
            throw new Malformed("line 1: the header must be " + HEADER + (records.isEmpty() ? "; the file is empty"
                    : ", not " + String.join(",", records.get(0).fields())));
        }
        List<Line> lines = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Record record : records.subList(1, records.size())) {
            List<String> f = record.fields();
            int n = record.line();
            if (f.size() == 1 && f.get(0).isEmpty()) {
                continue; // a blank line, as at the end of many files
            }
            if (f.size() != COLUMNS.size()) {
                throw new Malformed("line " + n + ": " + COLUMNS.size() + " fields expected (" + HEADER + "), found " + f.size());
            }
            String id = f.get(0).strip();
            if (id.isEmpty() || id.length() > MAX_INSTRUCTION_ID) {
                throw new Malformed("line " + n + ", field 'instruction_id': must be 1–" + MAX_INSTRUCTION_ID + " characters");
            }
            Integer earlier = seen.putIfAbsent(id, n);
            if (earlier != null) {
                throw new Malformed("line " + n + ", field 'instruction_id': " + id + " is already on line " + earlier);
            }
            Status status;
            try {
                status = Status.valueOf(f.get(1).strip());
            } catch (IllegalArgumentException e) {
                throw new Malformed("line " + n + ", field 'status': must be PAID or FAILED, not '" + echo(f.get(1)) + "'");
            }
            String reference = f.get(2).strip();
            if (reference.length() > MAX_REFERENCE) {
                throw new Malformed("line " + n + ", field 'bank_reference': at most " + MAX_REFERENCE + " characters");
            }
            LocalDate paidOn = null;
            String date = f.get(3).strip();
            if (!date.isEmpty()) {
                try {
                    paidOn = LocalDate.parse(date);
                } catch (DateTimeParseException e) {
                    throw new Malformed("line " + n + ", field 'paid_on': must be a date (YYYY-MM-DD), not '" + echo(date) + "'");
                }
            } else if (status == Status.PAID) {
                throw new Malformed("line " + n + ", field 'paid_on': a PAID line needs the date it was paid on");
            }
            lines.add(new Line(n, id, status, reference.isEmpty() ? null : reference, paidOn));
        }
        return lines;
    }

    private static List<Record> records(String text) {
        try {
            return Csv.records(text);
        } catch (IllegalArgumentException e) {
            throw new Malformed(e.getMessage());
        }
    }

    private static String echo(String value) {
        return value.length() > 32 ? value.substring(0, 32) + "…" : value;
    }
}
