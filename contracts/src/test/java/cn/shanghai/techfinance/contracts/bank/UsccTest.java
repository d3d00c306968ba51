package cn.shanghai.techfinance.contracts.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** 统一社会信用代码, GB 32100-2015: alphabet, length and check character. */
class UsccTest {

    /** The standard's alphabet, written out independently of the main code. */
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /**
     * First 17 characters in the real layout: registration authority and type (91 = enterprise,
     * registered with the market regulator), the 6-digit district (310115 Pudong, 310104 Xuhui,
     * 310000 Shanghai), then the 9-character organisation code.
     */
    private static final List<String> FIRST_17 = List.of(
            "91310115MA1K4XXXX", "91310104MA1FR2T3Y", "91310000132263225", "92310101L00000001",
            "52310000MJ0000001", "11310000002424111", "91310000MA1FL0000", "Y1310115MA1K4XXXX");

    @Test
    void codesCompletedWithTheirCheckCharacterAreValid() {
        for (String first17 : FIRST_17) {
            String code = Uscc.withCheckCharacter(first17);

            assertThat(code).hasSize(18).startsWith(first17);
            assertThat(code.charAt(17)).as("check character of %s", first17).isEqualTo(checkCharacter(first17));
            assertThat(Uscc.isValid(code)).as(code).isTrue();
        }
    }

    @Test
    void aWidelyCitedSampleCodeIsValid() {
        assertThat(Uscc.isValid("91350100M000100Y43")).isTrue();
    }

    @Test
    void checkValueZeroGivesTheCharacterZero() {
        // 31 - (sum mod 31) is 31 when the sum is a multiple of 31; the standard maps it to 0
        assertThat(Uscc.withCheckCharacter("91310115MA1K4XXXX")).endsWith("0");
    }

    @Test
    void everyOtherCheckCharacterIsRejected() {
        for (String first17 : FIRST_17) {
            char right = checkCharacter(first17);
            for (char c : ALPHABET.toCharArray()) {
                if (c != right) {
                    assertThat(Uscc.isValid(first17 + c)).as("%s%s", first17, c).isFalse();
                }
            }
        }
    }

    @Test
    void aSingleChangedCharacterIsDetected() {
        String code = Uscc.withCheckCharacter("91310104MA1FR2T3Y");
        for (int i = 0; i < 17; i++) {
            for (char c : ALPHABET.toCharArray()) {
                if (c != code.charAt(i)) {
                    String changed = code.substring(0, i) + c + code.substring(i + 1);
                    assertThat(Uscc.isValid(changed)).as(changed).isFalse();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'S', 'V', 'Z'})
    void forbiddenLettersAreRejectedAnywhere(char letter) {
        String valid = Uscc.withCheckCharacter("91310115MA1K4XXXX");
        for (int i = 0; i < 18; i++) {
            String code = valid.substring(0, i) + letter + valid.substring(i + 1);
            assertThat(Uscc.isValid(code)).as(code).isFalse();
        }
        assertThatIllegalArgumentException().isThrownBy(() -> Uscc.withCheckCharacter("91310115MA1K4XXX" + letter));
    }

    @Test
    void lowerCaseIsRejected() {
        assertThat(Uscc.isValid(Uscc.withCheckCharacter("91310115MA1K4XXXX").toLowerCase())).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"91310115MA1K4XXXX", "91310115MA1K4XXXX00", "9", "91310115MA1K4XXXX0 ", " 91310115MA1K4XXXX0"})
    void wrongLengthIsRejected(String code) {
        assertThat(Uscc.isValid(code)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9131011", "91310115MA1K4XXX", "91310115MA1K4XXXX0"})
    void completingNeedsExactly17Characters(String prefix) {
        assertThatIllegalArgumentException().isThrownBy(() -> Uscc.withCheckCharacter(prefix));
    }

    /** GB 32100-2015 §5: C18 = 31 - (Σ Ci·Wi mod 31), Wi = 3^(i-1) mod 31, value 31 written as 0. */
    private static char checkCharacter(String first17) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        int value = 31 - sum % 31;
        return ALPHABET.charAt(value == 31 ? 0 : value);
    }
}
