package cn.shanghai.techfinance.subsidy.documents;

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
        assertThat(Rfc4180.parse(Csv.line("a", "b,c", "", "中文\"引号\"", "two\nlines")))
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
        assertThat(Rfc4180.parse(Csv.line(fields))).containsExactly(fields);
    }

    @Property(tries = 200)
    void anyTextComesBack(@ForAll @NotEmpty @Size(max = 4) List<@StringLength(max = 20) String> fields) {
        assertThat(Rfc4180.parse(Csv.line(fields))).containsExactly(fields);
    }
}
