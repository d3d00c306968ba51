package cn.shanghai.techfinance.subsidy.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shanghai.techfinance.subsidy.settlement.ReconciliationFile.Line;
import cn.shanghai.techfinance.subsidy.settlement.ReconciliationFile.Malformed;
import cn.shanghai.techfinance.subsidy.settlement.ReconciliationFile.Status;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bank's results file as RFC 4180 allows it to be written, and each way it can be wrong, named by line and field. */
class ReconciliationFileTest {

    private static final String HEADER = "instruction_id,status,bank_reference,paid_on";

    @Test
    void readsQuotedFieldsLineBreaksInsideQuotesCrlfOrLfAByteOrderMarkAndABlankLastLine() {
        List<Line> lines = ReconciliationFile.parse("\uFEFF" + HEADER + "\r\n"
                + "S1-00001,PAID,\"REF,1 \"\"A\"\"\",2026-06-12\r\n"
                + "\"S1-00002\",FAILED,\"two\nlines\",\n"
                + "S1-00003,FAILED,,\n"
                + "\n");
        assertThat(lines).containsExactly(
                new Line(2, "S1-00001", Status.PAID, "REF,1 \"A\"", LocalDate.of(2026, 6, 12)),
                new Line(3, "S1-00002", Status.FAILED, "two\nlines", null),
                new Line(5, "S1-00003", Status.FAILED, null, null));
        assertThat(ReconciliationFile.parse(HEADER)).isEmpty();
    }

    @Test
    void namesTheLineAndTheFieldOfWhatIsWrong() {
        assertRefused("", "line 1: the header must be " + HEADER + "; the file is empty");
        assertRefused("instruction_id,status\n", "line 1: the header must be " + HEADER + ", not instruction_id,status");
        assertRefused(HEADER + "\nS1-00001,PAID,R\n", "line 2: 4 fields expected (" + HEADER + "), found 3");
        assertRefused(HEADER + "\n,PAID,R,2026-06-12\n", "line 2, field 'instruction_id': must be 1–40 characters");
        assertRefused(HEADER + "\nS1-00001,paid,R,2026-06-12\n", "line 2, field 'status': must be PAID or FAILED, not 'paid'");
        assertRefused(HEADER + "\nS1-00001,PAID,R,\n", "line 2, field 'paid_on': a PAID line needs the date it was paid on");
        assertRefused(HEADER + "\nS1-00001,PAID,R,2026-02-30\n",
                "line 2, field 'paid_on': must be a date (YYYY-MM-DD), not '2026-02-30'");
        assertRefused(HEADER + "\nS1-00001,PAID,R,2026-06-12\nS1-00001,FAILED,,\n",
                "line 3, field 'instruction_id': S1-00001 is already on line 2");
        assertRefused(HEADER + "\nS1-00001,PAID,\"R,2026-06-12\n", "line 2: a quoted field is not closed");
        assertRefused(HEADER + "\nS1-00001,PAID,R\"1\",2026-06-12\n",
                "line 2: a quote inside an unquoted field (RFC 4180 quotes the whole field)");
        assertRefused(HEADER + "\nS1-00001,PAID,\"R\"1,2026-06-12\n", "line 2: characters after a quoted field's closing quote");
        assertRefused(HEADER + "\nS1-00001,PAID," + "R".repeat(65) + ",2026-06-12\n",
                "line 2, field 'bank_reference': at most 64 characters");
    }

    private static void assertRefused(String file, String message) {
        assertThatThrownBy(() -> ReconciliationFile.parse(file)).isInstanceOf(Malformed.class).hasMessage(message);
    }
}
