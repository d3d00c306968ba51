package cn.shanghai.techfinance.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** CSV written and read as RFC 4180 has it, Chinese and line breaks inside fields included. */
class CsvTest {

    @Test
    void aPlainFieldIsWrittenAsItIs() {
        assertThat(Csv.field("S7-00001")).isEqualTo("S7-00001");
        assertThat(Csv.field("上海某某科技有限公司")).isEqualTo("上海某某科技有限公司");
        assertThat(Csv.field("a b;c'd")).isEqualTo("a b;c'd");
        assertThat(Csv.field("")).isEmpty();
        assertThat(Csv.field(null)).isEmpty();
    }

    @Test
    void aFieldWithACommaAQuoteOrALineBreakIsQuotedAndItsQuotesDoubled() {
        assertThat(Csv.field("上海某某科技有限公司,浦东分公司")).isEqualTo("\"上海某某科技有限公司,浦东分公司\"");
        assertThat(Csv.field("the \"big\" firm")).isEqualTo("\"the \"\"big\"\" firm\"");
        assertThat(Csv.field("\"")).isEqualTo("\"\"\"\"");
        assertThat(Csv.field("line one\nline two")).isEqualTo("\"line one\nline two\"");
        assertThat(Csv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(Csv.field("crlf\r\n")).isEqualTo("\"crlf\r\n\"");
    }

    @Test
    void aLineJoinsTheQuotedFieldsAndEndsInLf() {
        assertThat(Csv.line("a", "b,c", "", "中文\"引号\"")).isEqualTo("a,\"b,c\",,\"中文\"\"引号\"\"\"\n");
        assertThat(Csv.line(List.of("x"))).isEqualTo("x\n");
        assertThat(Csv.read(Csv.line("a", "b,c", "", "中文\"引号\"", "two\nlines")))
                .containsExactly(List.of("a", "b,c", "", "中文\"引号\"", "two\nlines"));
    }

    @Test
    void amountsHaveTwoDecimalsAndAreNeverRounded() {
        assertThat(Csv.amount(new BigDecimal("1234.5"))).isEqualTo("1234.50");
        assertThat(Csv.amount(new BigDecimal("7"))).isEqualTo("7.00");
        assertThat(Csv.amount(new BigDecimal("1E+3"))).isEqualTo("1000.00");
        assertThat(Csv.amount(new BigDecimal("0.100"))).isEqualTo("0.10");
        assertThatThrownBy(() -> Csv.amount(new BigDecimal("0.005"))).isInstanceOf(ArithmeticException.class);
    }

    @Property(tries = 500)
    void anyFieldsComeBackFromAConformingReader(
            @ForAll @Size(min = 1, max = 6) List<@StringLength(max = 12) @Chars({',', '"', '\r', '\n', ' ', 'a', '中', ';'}) String> fields) {
        assertThat(Csv.read(Csv.line(fields))).containsExactly(fields);
    }

    @Property(tries = 200)
    void anyTextComesBack(@ForAll @NotEmpty @Size(max = 4) List<@StringLength(max = 20) String> fields) {
        assertThat(Csv.read(Csv.line(fields))).containsExactly(fields);
    }

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
        assertThatThrownBy(() -> Csv.read("a,b\nc,\"open\nstill open")).hasMessage("line 2: a quoted field is not closed");
        assertThatThrownBy(() -> Csv.read("a,b\n\"c\"d,e\n")).hasMessage("line 2: characters after a quoted field's closing quote");
        assertThatThrownBy(() -> Csv.read("a,b\nc\"d,e\n")).hasMessage("line 2: a quote inside an unquoted field (RFC 4180 quotes the whole field)");
        assertThat(Csv.records("h\n\"two\nlines\",x\nlast\n")).extracting(Csv.Record::line).containsExactly(1, 2, 4);
    }
}
