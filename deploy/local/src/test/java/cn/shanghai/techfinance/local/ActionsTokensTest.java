package cn.shanghai.techfinance.local;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.infra.LocalTokens;
import cn.shanghai.techfinance.local.Action.Actor;
import cn.shanghai.techfinance.local.Action.Identity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Whose token an action is played with: a firm is the claim's own unless the file names another. */
class ActionsTokensTest {

    private static final String FIRM = Uscc.withCheckCharacter("91310115MA1000001");
    private static final String OTHER_FIRM = Uscc.withCheckCharacter("91310115MA1000002");

    @Test
    void aFirmActsAsTheClaimsOwnFirm() {
        Actor firm = new Actor(List.of("FIRM"), "firm", null);
        assertThat(firm.identity(FIRM, "SPDB")).isEqualTo(new Identity(List.of("FIRM"), null, FIRM, "firm"));
        assertThat(firm.otherFirmThan(FIRM)).isFalse();
    }

    @Test
    void aFirmNamedInTheFileIsAnotherFirmAndMustBeRefused() {
        Actor other = new Actor(List.of("FIRM"), "firm", OTHER_FIRM);
        assertThat(other.identity(FIRM, "SPDB")).isEqualTo(new Identity(List.of("FIRM"), null, OTHER_FIRM, "firm"));
        assertThat(other.otherFirmThan(FIRM)).isTrue();
        // naming the claim's own firm is no other firm
        assertThat(new Actor(List.of("FIRM"), "firm", FIRM).otherFirmThan(FIRM)).isFalse();
    }

    @Test
    void officersAndApproversCarryNeitherFirmNorBank() {
        Actor both = new Actor(List.of("OFFICER", "APPROVER"), "officer", null);
        assertThat(both.identity(FIRM, "SPDB")).isEqualTo(new Identity(List.of("OFFICER", "APPROVER"), null, null, "officer"));
        assertThat(both.identity(null, null)).isEqualTo(new Identity(List.of("OFFICER", "APPROVER"), null, null, "officer"));
        assertThat(both.otherFirmThan(FIRM)).isFalse();
    }

    @Test
    void aBankIsTheBankOfTheClaim() {
        assertThat(new Actor(List.of("BANK"), "bank", null).identity(FIRM, "SPDB")).isEqualTo(new Identity(List.of("BANK"), "SPDB", null, "bank"));
    }

    @Test
    void theTokenCarriesTheIdentity() {
        JsonNode claims = payload(new Identity(List.of("OFFICER", "APPROVER"), null, null, "wang").token(LocalTokens.inMemory()));
        assertThat(claims.get("sub").stringValue()).isEqualTo("wang");
        assertThat(claims.get("roles").values()).extracting(JsonNode::stringValue).containsExactly("OFFICER", "APPROVER");
        assertThat(claims.has("uscc")).isFalse();
        assertThat(claims.has("bank_code")).isFalse();
        assertThat(payload(new Identity(List.of("FIRM"), null, FIRM, "firm").token(LocalTokens.inMemory())).get("uscc").stringValue())
                .isEqualTo(FIRM);
    }

    private static JsonNode payload(String jwt) {
        return JsonMapper.builder().build().readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
