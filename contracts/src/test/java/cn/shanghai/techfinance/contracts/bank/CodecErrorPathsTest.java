package cn.shanghai.techfinance.contracts.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the schema-driven reader does with records that break it in ways JSON Schema says nothing
 * about (cut, badly encoded, deeply nested, numbers beyond any Java type) or that JSON Schema and
 * the records see differently (12.0 is an integer to JSON Schema, not to an int): each is a
 * rejection with the contract's code, never an exception.
 */
class CodecErrorPathsTest {

    private static final String APPLIED = BankEventCodecTest.VALID.get(EventType.LOAN_APPLIED);
    private final BankEventCodec codec = new BankEventCodec();

    @Test
    void aRecordCutAnywhereIsMalformed() {
        byte[] whole = utf8(APPLIED);
        for (int length = 0; length < whole.length; length++) {
            DecodeResult result = codec.decode(Arrays.copyOf(whole, length));

            assertThat(result).as("cut at %d", length).isInstanceOfSatisfying(DecodeResult.Rejected.class, r -> assertThat(r.violations())
                    .extracting(Violation::field, Violation::code).containsExactly(tuple("$", RejectionCode.MALFORMED_JSON)));
        }
    }

    @Test
    void invalidUtf8InsideAValueIsMalformed() {
        byte[] json = utf8(APPLIED.replace("上海示例科技有限公司", "\u0000"));
        int at = new String(json, StandardCharsets.UTF_8).indexOf('\u0000');
        json[at] = (byte) 0xC3; // a lead byte followed by a quote: no UTF-8 sequence

        assertOnly(codec.decode(json), "$", RejectionCode.MALFORMED_JSON);
    }

    @Test
    void duplicateKeysDeepInsideDataAreMalformed() {
        assertOnly(codec.decode(utf8(APPLIED.replace("\"employees\":85", "\"employees\":85,\"employees\":86"))), "$",
                RejectionCode.MALFORMED_JSON);
    }

    @Test
    void tenThousandLevelsInsideDataStopAtTheDefaultLimit() {
        String deep = APPLIED.replace("\"qualifications\":[]", "\"qualifications\":" + "[".repeat(10_000) + "]".repeat(10_000));

        DecodeResult.Rejected rejected = assertOnly(codec.decode(utf8(deep)), "$", RejectionCode.TOO_DEEP);
        assertThat(rejected.id()).isEqualTo("e1");
    }

    @Test
    void nestingWithinTheLimitInAnUnknownFieldIsOneViolation() {
        String nested = APPLIED.replace("\"qualifications\":[]", "\"qualifications\":[],\"extra\":" + "[".repeat(60) + "]".repeat(60));

        assertOnly(codec.decode(utf8(nested)), "data.firm.extra", RejectionCode.UNKNOWN_FIELD);
    }

    @ParameterizedTest
    @CsvSource({"'\u3000\u3000'", "'\u00a0'", "' \u2003'", "'\ufeff'"})
    void aTextOfWhiteSpaceOnlyIsBlankWhateverTheSpace(String blank) {
        assertOnly(codec.decode(utf8(APPLIED.replace("上海示例科技有限公司", blank))), "data.firm.name", RejectionCode.INVALID_FORMAT);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "termMonths":1e999999                      | data.termMonths     | WRONG_TYPE
            "termMonths":12e0                          | data.termMonths     | WRONG_TYPE
            "termMonths":-99999999999999999999999999   | data.termMonths     | OUT_OF_RANGE
            "requestedAmount":1e999999                 | data.requestedAmount | WRONG_TYPE
            "requestedAmount":"1e999999"               | data.requestedAmount | INVALID_FORMAT
            "firstLoan":1e-999999                      | data.firstLoan      | WRONG_TYPE
            """)
    void numbersBeyondAnyJavaTypeAreRejectedWithTheirField(String replacement, String field, RejectionCode code) {
        String name = replacement.substring(1, replacement.indexOf('"', 1));
        String json = APPLIED.replaceFirst("\"" + name + "\":(\"[^\"]*\"|[^,}]*)", replacement.replace("$", "\\$"));

        assertOnly(codec.decode(utf8(json)), field, code);
    }

    @Test
    void anIntegerOfNineHundredDigitsIsOutOfRangeAndOneOfTwoThousandIsNotRead() {
        String nineHundred = APPLIED.replace("\"employees\":85", "\"employees\":" + "9".repeat(900));
        String twoThousand = APPLIED.replace("\"employees\":85", "\"employees\":" + "9".repeat(2_000));

        assertOnly(codec.decode(utf8(nineHundred)), "data.firm.employees", RejectionCode.OUT_OF_RANGE);
        assertOnly(codec.decode(utf8(twoThousand)), "$", RejectionCode.MALFORMED_JSON);
    }

    @Test
    void aNullInsideAnArrayIsOfTheWrongKind() {
        assertOnly(codec.decode(utf8(APPLIED.replace("\"qualifications\":[]", "\"qualifications\":[null]"))),
                "data.firm.qualifications[0]", RejectionCode.WRONG_TYPE);
    }

    @Test
    void messagesNameWhatTheSchemaAsksAndWhatTheRecordHad() {
        String json = APPLIED.replace("\"requestedAmount\":\"3000000.00\"", "\"requestedAmount\":\"3,000,000\"")
                .replace("\"program\":\"LYD\"", "\"program\":\"XYZ\"");

        DecodeResult.Rejected rejected = (DecodeResult.Rejected) codec.decode(utf8(json));

        assertThat(rejected.violations()).extracting(Violation::field, Violation::message).containsExactlyInAnyOrder(
                tuple("data.program", "must be one of [LYD, HKZD], was \"XYZ\""),
                tuple("data.requestedAmount", "must match Money's pattern ^[0-9]{1,16}(\\.[0-9]{1,2})?$, was \"3,000,000\""));
    }

    private static DecodeResult.Rejected assertOnly(DecodeResult result, String field, RejectionCode code) {
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        DecodeResult.Rejected rejected = (DecodeResult.Rejected) result;
        assertThat(rejected.violations()).extracting(Violation::field, Violation::code).containsExactly(tuple(field, code));
        return rejected;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
