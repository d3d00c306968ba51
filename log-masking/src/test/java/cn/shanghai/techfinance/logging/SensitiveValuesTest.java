package cn.shanghai.techfinance.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SensitiveValuesTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpY2JjIiwicm9sZXMiOlsiQkFOSyJdfQ.c2lnbmF0dXJlLWJ5dGVz_-x";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "firm 91310115MA1K4XXXX7 has no claims    | firm 91**************X7 has no claims",
            "uscc=91310000132214506Y,                 | uscc=91**************6Y,",
            "(91310115MA1K4B2C3D)                     | (91**************3D)",
            "account 6222021234567890123 paid         | account ***************0123 paid",
            "acct:622202123456                        | acct:********3456",
            "Authorization: Bearer abc.def-ghi_jkl+/= | Authorization: Bearer [masked]",
            "authorization=bearer\tsomeOpaqueToken42  | authorization=bearer\t[masked]",
            "token " + "x" + " ok                     | token x ok"})
    void masks(String text, String masked) {
        assertThat(SensitiveValues.mask(text)).isEqualTo(masked);
    }

    @Test
    void masksJwtsWhereverTheyAppear() {
        assertThat(SensitiveValues.mask("token=" + JWT + " refused")).isEqualTo("token=[masked] refused");
        assertThat(SensitiveValues.mask("Bearer " + JWT)).isEqualTo("Bearer [masked]");
        assertThat(SensitiveValues.mask("{\"access_token\":\"" + JWT + "\"}")).isEqualTo("{\"access_token\":\"[masked]\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "amount 1234567890123.45 CNY",       // money, not an account
            "offset 12345678901 of partition 3", // 11 digits: below an account number's length
            "event 0c6f1a8e-3f0b-4a57-9f3e-7d0f2b1c9a10",
            "contract C-2025-000123 settled",
            "ABCDEFGHJKLMNPQRTU9",               // 19 characters: not a USCC
            "no digits here, nor tokens"})
    void leavesOrdinaryTextAlone(String text) {
        assertThat(SensitiveValues.mask(text)).isEqualTo(text);
    }

    @Test
    void maskingIsStable() {
        String once = SensitiveValues.mask("91310115MA1K4XXXX7 6222021234567890123 Bearer " + JWT);
        assertThat(once).isEqualTo("91**************X7 ***************0123 Bearer [masked]");
        assertThat(SensitiveValues.mask(once)).isEqualTo(once);
    }

    @Test
    void nullAndEmptyPassThrough() {
        assertThat(SensitiveValues.mask(null)).isNull();
        assertThat(SensitiveValues.mask("")).isEmpty();
    }
}
