package cn.shanghai.techfinance.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The local run's CSV, written and read as RFC 4180 has it (actions.csv's details are free text). */
class ActionsCsvTest {

    @Test
    void onlyAFieldThatNeedsItIsQuoted() {
        assertThat(Csv.line(4, "confirm", 409, "the deadline was 2026-04-07")).isEqualTo("4,confirm,409,the deadline was 2026-04-07\n");
        assertThat(Csv.line("a,b", "say \"no\"", "two\nlines", "cr\r", null, ""))
                .isEqualTo("\"a,b\",\"say \"\"no\"\"\",\"two\nlines\",\"cr\r\",,\n");
        assertThat(Csv.line(List.of("上海示例科技有限公司", "6222021234567890"))).isEqualTo("上海示例科技有限公司,6222021234567890\n");
    }

    @Test
    void readingUndoesTheQuoting() {
        String written = Csv.line("id", "name", "note") + Csv.line("1", "上海,示例", "say \"no\"\non two lines") + Csv.line("2", "", "");
        assertThat(Csv.read(written)).containsExactly(
                List.of("id", "name", "note"),
                List.of("1", "上海,示例", "say \"no\"\non two lines"),
                List.of("2", "", ""));
    }

    @Test
    void linesMayEndInCrLfAndTheLastNeedNotEndAtAll() {
        assertThat(Csv.read("a,b\r\n\"c\",d\r\ne,")).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", ""));
        assertThat(Csv.read("")).isEmpty();
        assertThat(Csv.read("\"\"\n")).containsExactly(List.of(""));
    }

    @Test
    void aBrokenQuoteIsRefusedNamingItsLine() {
        assertThatThrownBy(() -> Csv.read("a,b\nc,\"open\nstill open")).hasMessage("CSV line 2: a quoted field is not closed");
        assertThatThrownBy(() -> Csv.read("a,b\n\"c\"d,e\n")).hasMessage("CSV line 2: text after a closing quote");
    }
}
