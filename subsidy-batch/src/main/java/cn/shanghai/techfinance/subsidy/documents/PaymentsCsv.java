package cn.shanghai.techfinance.subsidy.documents;

import java.util.List;

/**
 * The payment file of a settlement ({@code payments.csv}): one line per instruction, claim ids joined
 * by {@code ;}, then the trailer {@code TOTAL,<count>,<control total>} a bank checks the file against.
 */
public final class PaymentsCsv {

    public static final String HEADER = "instruction_id,payee_uscc,payee_name,payee_account,payee_bank,amount,claim_ids";

    private PaymentsCsv() {
    }

    public static String write(List<PaymentInstruction> instructions) {
        StringBuilder out = new StringBuilder(HEADER).append(Csv.EOL);
        for (PaymentInstruction i : instructions) {
            out.append(Csv.line(i.instructionId(), i.payeeUscc(), i.payeeName(), i.payeeAccount(), i.payeeBank(),
                    Csv.amount(i.amount()), String.join(";", i.claimIds())));
        }
        PaymentInstruction.Totals totals = PaymentInstruction.Totals.of(instructions);
        return out.append(Csv.line("TOTAL", Integer.toString(totals.count()), Csv.amount(totals.controlTotal()))).toString();
    }
}
