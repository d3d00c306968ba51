package cn.shanghai.techfinance.local;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bank's answer to a settlement's payment file, as a replay's {@code reconcile} makes it up:
 * the reconciliation body ({@code instruction_id,status,bank_reference,paid_on}) for every
 * instruction of {@code payments.csv}, FAILED or PAID as the action lists its payees, PAID for every
 * other; a paid one with a bank reference of its own and the action's date. A failed payment was
 * never made: it has neither.
 */
final class BankStatement {

    static final String HEADER = "instruction_id,status,bank_reference,paid_on";

    /** One instruction of a payment file, as far as the bank's answer needs it. */
    record Instruction(String id, String payeeUscc) {
    }

    private BankStatement() {
    }

    /**
     * The instructions of a payment file
     * ({@code instruction_id,payee_uscc,payee_name,payee_account,payee_bank,amount,claim_ids}, then
     * the trailer {@code TOTAL,<count>,<control total>}), in the file's order.
     */
    static List<Instruction> instructions(String paymentsCsv) {
        List<List<String>> records = Csv.read(paymentsCsv);
        List<String> header = records.isEmpty() ? List.of() : records.get(0);
        int id = header.indexOf("instruction_id");
        int payee = header.indexOf("payee_uscc");
        if (id < 0 || payee < 0) {
            throw new IllegalStateException("a payment file without instruction_id and payee_uscc columns: " + header);
        }
        List<Instruction> instructions = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> record = records.get(i);
            if (record.get(0).equals("TOTAL")) {
                continue;
            }
            if (record.size() != header.size()) {
                throw new IllegalStateException("payment file record " + (i + 1) + " has " + record.size() + " fields, the header " + header.size());
            }
            instructions.add(new Instruction(record.get(id), record.get(payee)));
        }
        return instructions;
    }

    /** The listed payees that have no instruction in the file, in USCC order. */
    static Set<String> payeesNotIn(List<Instruction> instructions, Map<String, String> statusByPayee) {
        Set<String> missing = new TreeSet<>(statusByPayee.keySet());
        instructions.forEach(instruction -> missing.remove(instruction.payeeUscc()));
        return missing;
    }

    static String body(List<Instruction> instructions, Map<String, String> statusByPayee, LocalDate paidOn) {
        StringBuilder body = new StringBuilder(HEADER).append('\n');
        for (Instruction instruction : instructions) {
            boolean paid = statusByPayee.getOrDefault(instruction.payeeUscc(), "PAID").equals("PAID");
            body.append(paid ? Csv.line(instruction.id(), "PAID", "LOCAL-" + instruction.id(), paidOn)
                    : Csv.line(instruction.id(), "FAILED", "", ""));
        }
        return body.toString();
    }
}
