package cn.shanghai.techfinance.subsidy.claims;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.subsidy.rules.Program;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClaimRecordTest {

    @Test
    void theIdOfAKeyNeverDrifts() {
        // pinned: a different id for the same approval would orphan the claim stored under the old one
        assertThat(ClaimRecord.claimId(Program.LYD, "ICBC-SH", "P-001", null, null)).isEqualTo("b6c5dc16-5792-3dde-8509-a1669ec6730a");
        assertThat(ClaimRecord.claimId(Program.HKZD, "ICBC-SH", "P-001", "C-009", 3)).isEqualTo("7624608b-8e0e-3791-a408-21dee19156ae");
    }

    @Test
    void anIdIsALowercaseUuidWhateverTheDocumentNumbersHold() {
        String id = ClaimRecord.claimId(Program.HKZD, "ICBC-SH", null, "沪科贷/2026/001?a=1", 12);
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(UUID.fromString(id)).hasToString(id);
    }

    @Test
    void oneIdPerApprovalAndOnePerInstalment() {
        assertThat(ClaimRecord.claimId(Program.LYD, "ICBC-SH", "P-001", "C-1", 1))
                .as("an LYD claim is the approval's: the contract does not count")
                .isEqualTo(ClaimRecord.claimId(Program.LYD, "ICBC-SH", "P-001", "C-2", 2))
                .isNotEqualTo(ClaimRecord.claimId(Program.LYD, "ICBC-BJ", "P-001", "C-1", 1))
                .isNotEqualTo(ClaimRecord.claimId(Program.LYD, "ICBC-SH", "P-002", "C-1", 1));
        assertThat(ClaimRecord.claimId(Program.HKZD, "ICBC-SH", "P-001", "C-009", 3))
                .as("an HKZD claim is the instalment's: the approval does not count")
                .isEqualTo(ClaimRecord.claimId(Program.HKZD, "ICBC-SH", "P-999", "C-009", 3))
                .isNotEqualTo(ClaimRecord.claimId(Program.HKZD, "ICBC-SH", "P-001", "C-009", 4))
                .isNotEqualTo(ClaimRecord.claimId(Program.HKZD, "ICBC-SH", "P-001", "C-010", 3));
    }

    @Test
    void eachProgrammeHasThePublicNameOfTheClaimEvents() {
        assertThat(Arrays.stream(Program.values()).map(Program::publicName))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ClaimEvent.Program.values()).map(Enum::name).toList());
        for (Program program : Program.values()) {
            assertThat(Program.ofPublicName(program.publicName())).contains(program);
        }
        assertThat(Program.ofPublicName("LYD")).as("the internal name is not a public one").isEmpty();
        assertThat(Program.ofPublicName(null)).isEmpty();
    }
}
