package cn.shanghai.techfinance.intake.consume;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.ContractJson;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.contracts.bank.Violation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a rejection repeats of the sender's input always fits the ledger's columns. */
class RejectionEchoTest {

    @Test
    void shortTextIsKeptAsItIs() {
        assertThat(RejectionEcho.text("loan.exploded.v1", RejectionEcho.TYPE)).isEqualTo("loan.exploded.v1");
        assertThat(RejectionEcho.text(null, RejectionEcho.TYPE)).isNull();
    }

    @Test
    void longTextIsCutByCharactersNotHalfwayThroughOne() {
        String text = "😀".repeat(100); // each outside the BMP: two Java chars, one character in MySQL
        String cut = RejectionEcho.text(text, 48);
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(48);
        assertThat(cut).endsWith("😀…");
    }

    @Test
    void manyViolationsAreListedUpToTheBoundWithACountOfTheRest() {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            violations.add(new Violation("data." + "f".repeat(500) + i, RejectionCode.UNKNOWN_FIELD, "x".repeat(10_000)));
        }
        List<Violation> bounded = RejectionEcho.violations(violations);
        assertThat(bounded).hasSize(RejectionEcho.VIOLATIONS + 1);
        assertThat(bounded.get(0).field()).hasSize(RejectionEcho.FIELD);
        assertThat(bounded.get(0).message()).hasSize(RejectionEcho.MESSAGE);
        assertThat(bounded.get(RejectionEcho.VIOLATIONS).field()).isEqualTo("$");
        assertThat(bounded.get(RejectionEcho.VIOLATIONS).message()).startsWith("4980 more violations not listed");
        // the worst case fits intake_event.violations (TEXT: 65,535 bytes), control characters escaped included
        List<Violation> worst = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            worst.add(new Violation("\u0001".repeat(1_000), RejectionCode.INVALID_FORMAT, "\u0001".repeat(1_000)));
        }
        assertThat(ContractJson.write(RejectionEcho.violations(worst)).length).isLessThan(65_535);
    }

    @Test
    void fewViolationsAreKeptWhole() {
        List<Violation> violations = List.of(new Violation("data.principal", RejectionCode.MISSING_FIELD, "principal is required"));
        assertThat(RejectionEcho.violations(violations)).isEqualTo(violations);
    }
}
