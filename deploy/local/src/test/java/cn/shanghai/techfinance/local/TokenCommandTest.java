package cn.shanghai.techfinance.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.local.TokenCommand.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/** token.sh's command line: what it mints for, and what it refuses (usage, exit 2). */
class TokenCommandTest {

    private static final String USCC = Uscc.withCheckCharacter("91310104MA1FL0001");

    @Test
    void rolesBankInsurerFirmAndUser() {
        assertThat(Request.parse(new String[] {"--role", "OFFICER"})).isEqualTo(new Request(List.of("OFFICER"), null, null, null, "officer"));
        assertThat(Request.parse(new String[] {"--role", "auditor", "--role", "OFFICER", "--role", "AUDITOR"}))
                .isEqualTo(new Request(List.of("AUDITOR", "OFFICER"), null, null, null, "auditor"));
        assertThat(Request.parse(new String[] {"--role", "BANK", "--bank", "ICBC-SH", "--user", "teller"}))
                .isEqualTo(new Request(List.of("BANK"), "ICBC-SH", null, null, "teller"));
        assertThat(Request.parse(new String[] {"--role", "FIRM", "--uscc", USCC}))
                .isEqualTo(new Request(List.of("FIRM"), null, null, USCC, "firm"));
        assertThat(Request.parse(new String[] {"--role", "INSURER", "--insurer", "PICC-SH"}))
                .isEqualTo(new Request(List.of("INSURER"), null, "PICC-SH", null, "insurer"));
    }

    @Test
    void badArgumentsAreRefused() {
        for (String[] args : List.of(new String[] {}, new String[] {"--role"}, new String[] {"--role", "KING"},
                new String[] {"--role", "BANK"}, new String[] {"--role", "FIRM"}, new String[] {"--role", "BANK", "--bank", "icbc"},
                new String[] {"--role", "FIRM", "--uscc", "91310104MA1FL0000"}, new String[] {"--role", "OFFICER", "--bank", "ICBC-SH"},
                new String[] {"--role", "OFFICER", "--uscc", USCC}, new String[] {"--role", "OFFICER", "--user", " "},
                new String[] {"--role", "OFFICER", "--keep"}, new String[] {"--role", "INSURER"},
                new String[] {"--role", "INSURER", "--insurer", "picc"}, new String[] {"--role", "BANK", "--bank", "ICBC-SH", "--insurer", "PICC-SH"})) {
            assertThatThrownBy(() -> Request.parse(args)).as(String.join(" ", args)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
