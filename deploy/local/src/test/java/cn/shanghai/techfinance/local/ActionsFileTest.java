package cn.shanghai.techfinance.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.local.Action.Actor;
import cn.shanghai.techfinance.local.Action.ClaimRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** An actions file: each line read into its call, its dates checked before anything starts, what cannot be read said why. */
class ActionsFileTest {

    private static final String FIRM = Uscc.withCheckCharacter("91310115MA1000001");
    private static final String OTHER_FIRM = Uscc.withCheckCharacter("91310115MA1000002");
    private static final LocalDate THROUGH = LocalDate.of(2026, 12, 31);

    @TempDir
    Path work;

    @Test
    void theIssuesExampleIsReadLineByLine() {
        List<Action> actions = ActionsFile.check(List.of(
                "{\"on\":\"2026-04-01\",\"as\":{\"role\":\"OFFICER\",\"user\":\"wang\"},\"do\":\"publish\",\"program\":\"LYD_PREMIUM\",\"from\":\"2026-01-01\",\"to\":\"2026-03-31\"}",
                "{\"on\":\"2026-04-03\",\"as\":{\"role\":\"FIRM\"},\"do\":\"confirm\",\"claim\":{\"program\":\"LYD_PREMIUM\",\"bank_code\":\"SPDB\",\"approval_no\":\"P17\"},"
                        + "\"payee\":{\"name\":\"上海示例科技有限公司\",\"account\":\"6222021234567890\",\"bank\":\"浦发银行上海分行\"}}",
                "{\"on\":\"2026-04-03\",\"as\":{\"role\":\"FIRM\",\"uscc\":\"" + OTHER_FIRM + "\"},\"do\":\"confirm\",\"claim\":{\"program\":\"HKZD_INTEREST\","
                        + "\"bank_code\":\"BOC-SH\",\"contract_no\":\"C9-0\",\"installment_no\":2},\"payee\":{\"name\":\"n\",\"account\":\"12345678\",\"bank\":\"b\"}}",
                "",
                "{\"on\":\"2026-04-10\",\"as\":{\"role\":\"OFFICER\",\"user\":\"wang\"},\"do\":\"prepareSettlement\",\"program\":\"LYD_PREMIUM\",\"from\":\"2026-01-01\",\"to\":\"2026-03-31\"}",
                "{\"on\":\"2026-04-10\",\"as\":{\"role\":[\"OFFICER\",\"APPROVER\"]},\"do\":\"approveSettlement\"}",
                "{\"on\":\"2026-04-20\",\"as\":{\"role\":\"OFFICER\",\"user\":\"wang\"},\"do\":\"reconcile\",\"results\":[{\"payee_uscc\":\"" + FIRM + "\",\"status\":\"FAILED\"}]}",
                "{\"on\":\"2026-05-06\",\"as\":{\"role\":\"OFFICER\",\"user\":\"wang\"},\"do\":\"recordRecovery\",\"claim\":{\"program\":\"LYD_PREMIUM\",\"bank_code\":\"SPDB\",\"approval_no\":\"P17\"}}",
                "{\"on\":\"2026-11-20\",\"as\":{\"role\":\"OFFICER\",\"user\":\"wang\"},\"do\":\"loadCalendar\",\"year\":2027,\"holidays\":[\"2027-01-01\"],\"workdays\":[]}"),
                THROUGH);

        Actor wang = new Actor(List.of("OFFICER"), "wang", null);
        ClaimRef p17 = new ClaimRef("LYD_PREMIUM", "SPDB", "P17", null, null);
        assertThat(actions).containsExactly(
                new Action(1, LocalDate.of(2026, 4, 1), wang, "publish", new Action.Publish("LYD_PREMIUM", "2026-01-01", "2026-03-31"), null),
                new Action(2, LocalDate.of(2026, 4, 3), new Actor(List.of("FIRM"), "firm", null), "confirm",
                        new Action.Confirm(p17, "上海示例科技有限公司", "6222021234567890", "浦发银行上海分行"), null),
                new Action(3, LocalDate.of(2026, 4, 3), new Actor(List.of("FIRM"), "firm", OTHER_FIRM), "confirm",
                        new Action.Confirm(new ClaimRef("HKZD_INTEREST", "BOC-SH", null, "C9-0", 2), "n", "12345678", "b"), null),
                new Action(5, LocalDate.of(2026, 4, 10), wang, "prepareSettlement",
                        new Action.PrepareSettlement("LYD_PREMIUM", "2026-01-01", "2026-03-31"), null),
                new Action(6, LocalDate.of(2026, 4, 10), new Actor(List.of("OFFICER", "APPROVER"), "officer", null), "approveSettlement",
                        new Action.ApproveSettlement(), null),
                new Action(7, LocalDate.of(2026, 4, 20), wang, "reconcile", new Action.Reconcile(Map.of(FIRM, "FAILED")), null),
                new Action(8, LocalDate.of(2026, 5, 6), wang, "recordRecovery", new Action.RecordRecovery(p17, null), null),
                new Action(9, LocalDate.of(2026, 11, 20), wang, "loadCalendar", new Action.LoadCalendar(2027, List.of("2027-01-01"), List.of()), null));
    }

    @Test
    void aTechInsuranceClaimIsNamedByItsInsurerAndPolicy() {
        List<Action> actions = ActionsFile.check(List.of("{\"on\":\"2026-04-03\",\"as\":{\"role\":\"FIRM\"},\"do\":\"confirm\","
                + "\"claim\":{\"program\":\"TECH_INSURANCE_PREMIUM\",\"bank_code\":\"PICC-SH\",\"approval_no\":\"TP-7\"},"
                + "\"payee\":{\"name\":\"n\",\"account\":\"12345678\",\"bank\":\"b\"}}"), THROUGH);

        ClaimRef policy = new ClaimRef("TECH_INSURANCE_PREMIUM", "PICC-SH", "TP-7", null, null);
        assertThat(actions).extracting(Action::command).containsExactly(new Action.Confirm(policy, "n", "12345678", "b"));
        assertThat(policy).hasToString("TECH_INSURANCE_PREMIUM PICC-SH policy TP-7");
        // as the insurer's claims API answers it: the policyNo in approvalNo
        assertThat(policy.matches(JsonMapper.shared().readTree("{\"program\":\"TECH_INSURANCE_PREMIUM\",\"approvalNo\":\"TP-7\"}"))).isTrue();
        assertThat(policy.matches(JsonMapper.shared().readTree("{\"program\":\"LYD_PREMIUM\",\"approvalNo\":\"TP-7\"}"))).isFalse();
    }

    @Test
    void aDateGoingBackStopsTheRunNamingBothLines() {
        assertThatThrownBy(() -> ActionsFile.check(List.of(
                action("2026-04-01", "approveSettlement"),
                action("2026-04-03", "approveSettlement"),
                action("2026-04-03", "approveSettlement"),
                action("2026-04-02", "approveSettlement")), THROUGH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actions line 4: \"on\" 2026-04-02 is before line 3's 2026-04-03");
    }

    @Test
    void aDateAfterThroughStopsTheRun() {
        assertThatThrownBy(() -> ActionsFile.check(List.of(action("2026-12-31", "approveSettlement"), action("2027-01-01", "approveSettlement")),
                THROUGH)).hasMessage("actions line 2: \"on\" 2027-01-01 is after --through 2026-12-31");
    }

    @Test
    void aLineWithoutAReadableDateTakesNoPartInTheOrderButOneWithADateDoes() {
        List<Action> actions = ActionsFile.check(List.of(
                action("2026-04-03", "approveSettlement"),
                "{\"on\":\"3 April\",\"as\":{\"role\":\"OFFICER\"},\"do\":\"approveSettlement\"}",
                "not json at all",
                action("2026-04-03", "approveSettlement")), THROUGH);
        assertThat(actions).extracting(Action::line, Action::on, Action::readable).containsExactly(
                tuple(1, LocalDate.of(2026, 4, 3), true),
                tuple(2, null, false),
                tuple(3, null, false),
                tuple(4, LocalDate.of(2026, 4, 3), true));
        // an unknown "do" is unreadable, but its date is: it still may not go back
        assertThatThrownBy(() -> ActionsFile.check(List.of(action("2026-04-03", "approveSettlement"), action("2026-04-02", "pay")), THROUGH))
                .hasMessage("actions line 2: \"on\" 2026-04-02 is before line 1's 2026-04-03");
    }

    @Test
    void whatCannotBeReadIsSaidForItsRow() {
        String claim = "\"claim\":{\"program\":\"LYD_PREMIUM\",\"bank_code\":\"SPDB\",\"approval_no\":\"P17\"}";
        String payee = "\"payee\":{\"name\":\"n\",\"account\":\"12345678\",\"bank\":\"b\"}";
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("{\"on\":", "not JSON: ");
        reasons.put("[1,2]", "not a JSON object");
        reasons.put("{\"as\":{\"role\":\"OFFICER\"},\"do\":\"approveSettlement\"}", "\"on\" is missing");
        reasons.put("{\"on\":20260401,\"as\":{\"role\":\"OFFICER\"},\"do\":\"approveSettlement\"}", "\"on\" must be a string, not 20260401");
        reasons.put("{\"on\":\"2026-04-31\",\"as\":{\"role\":\"OFFICER\"},\"do\":\"approveSettlement\"}",
                "\"on\" must be a date (YYYY-MM-DD), not \"2026-04-31\"");
        reasons.put("{\"on\":\"2026-04-01\",\"do\":\"approveSettlement\"}", "\"as\" is missing");
        reasons.put("{\"on\":\"2026-04-01\",\"as\":\"OFFICER\",\"do\":\"approveSettlement\"}", "\"as\" must be an object: {\"role\":…, \"user\":…}");
        reasons.put("{\"on\":\"2026-04-01\",\"as\":{\"role\":\"KING\"},\"do\":\"approveSettlement\"}",
                "\"as.role\" must be one of BANK, INSURER, FIRM, OFFICER, APPROVER, AUDITOR or a list of them, not \"KING\"");
        reasons.put("{\"on\":\"2026-04-01\",\"as\":{\"role\":[]},\"do\":\"approveSettlement\"}", "\"as.role\" is an empty list");
        reasons.put("{\"on\":\"2026-04-01\",\"as\":{\"role\":\"OFFICER\",\"user\":\" \"},\"do\":\"approveSettlement\"}", "\"as.user\" is blank");
        reasons.put("{\"on\":\"2026-04-01\",\"as\":{\"role\":\"OFFICER\",\"uscc\":\"" + FIRM + "\"},\"do\":\"approveSettlement\"}",
                "\"as.uscc\" is only for a FIRM");
        reasons.put("{\"on\":\"2026-04-01\",\"as\":{\"role\":\"FIRM\",\"uscc\":\"91310104MA1FL0000\"},\"do\":\"confirm\"," + claim + "," + payee + "}",
                "\"as.uscc\" is not a valid USCC (统一社会信用代码): \"91310104MA1FL0000\"");
        reasons.put("{\"on\":\"2026-04-01\",\"as\":{\"role\":\"OFFICER\"}}", "\"do\" is missing");
        reasons.put(action("2026-04-01", "pay"), "unknown \"do\" \"pay\": one of publish, confirm, prepareSettlement, approveSettlement, "
                + "reconcile, recordRecovery, loadCalendar");
        reasons.put(action("2026-04-01", "publish", "\"program\":\"LYD_PREMIUM\",\"from\":\"2026-01-01\""), "\"to\" is missing");
        reasons.put(action("2026-04-01", "confirm", payee), "\"claim\" is missing");
        reasons.put(action("2026-04-01", "confirm", claim), "\"payee\" is missing");
        reasons.put(action("2026-04-01", "confirm", claim + ",\"payee\":{\"name\":\"n\",\"bank\":\"b\"}"), "\"payee.account\" is missing");
        reasons.put(action("2026-04-01", "confirm", claim + ",\"payee\":{\"name\":\"n\",\"account\":12345678,\"bank\":\"b\"}"),
                "\"payee.account\" must be a string, not 12345678");
        reasons.put(action("2026-04-01", "recordRecovery", "\"claim\":{\"program\":\"LYD_PREMIUM\",\"bank_code\":\"SPDB\"}"),
                "\"claim.approval_no\" is missing");
        reasons.put(action("2026-04-01", "recordRecovery", "\"claim\":{\"program\":\"LYD\",\"bank_code\":\"SPDB\",\"approval_no\":\"P17\"}"),
                "\"claim.program\" must be LYD_PREMIUM, HKZD_INTEREST or TECH_INSURANCE_PREMIUM, not \"LYD\"");
        reasons.put(action("2026-04-01", "recordRecovery", "\"claim\":{\"program\":\"LYD_PREMIUM\",\"bank_code\":\"spdb\",\"approval_no\":\"P17\"}"),
                "\"claim.bank_code\" is not a bank code: \"spdb\"");
        reasons.put(action("2026-04-01", "recordRecovery",
                        "\"claim\":{\"program\":\"HKZD_INTEREST\",\"bank_code\":\"SPDB\",\"contract_no\":\"C9\",\"installment_no\":\"2\"}"),
                "\"claim.installment_no\" must be a whole number, not \"2\"");
        reasons.put(action("2026-04-01", "reconcile", "\"results\":{}"), "\"results\" must be a list of {\"payee_uscc\":…, \"status\":\"FAILED\"}");
        reasons.put(action("2026-04-01", "reconcile", "\"results\":[{\"payee_uscc\":\"" + FIRM + "\",\"status\":\"LOST\"}]"),
                "\"results[0].status\" must be FAILED or PAID, not \"LOST\"");
        reasons.put(action("2026-04-01", "reconcile", "\"results\":[{\"payee_uscc\":\"" + FIRM + "\",\"status\":\"FAILED\"},"
                + "{\"payee_uscc\":\"" + FIRM + "\",\"status\":\"PAID\"}]"), "\"results[1].payee_uscc\" " + FIRM + " is listed twice");
        reasons.put(action("2026-04-01", "loadCalendar", "\"year\":2027,\"holidays\":[\"2027-01-01\"]"), "\"workdays\" is missing");
        reasons.put(action("2026-04-01", "loadCalendar", "\"year\":\"2027\",\"holidays\":[],\"workdays\":[]"),
                "\"year\" must be a whole number, not \"2027\"");
        reasons.put(action("2026-04-01", "loadCalendar", "\"year\":2027,\"holidays\":[20270101],\"workdays\":[]"),
                "\"holidays[0]\" must be a string, not 20270101");
        int number = 0;
        for (Map.Entry<String, String> line : reasons.entrySet()) {
            Action action = Action.parse(++number, line.getKey());
            assertThat(action.readable()).as(line.getKey()).isFalse();
            assertThat(action.unreadable()).as(line.getKey()).startsWith(line.getValue());
            assertThat(action.command()).isNull();
        }
        // what the row shows of a line that cannot be played: its "do", and its date when it has one
        assertThat(Action.parse(7, action("2026-04-01", "pay"))).extracting(Action::name, Action::on).containsExactly("pay", LocalDate.of(2026, 4, 1));
        assertThat(Action.parse(7, "[1,2]").name()).isEmpty();
    }

    @Test
    void rolesAreOneOrAListAnyCaseAndTheUserIsTheFirstRoleUnlessNamed() {
        assertThat(Action.parse(1, "{\"on\":\"2026-04-01\",\"as\":{\"role\":[\"approver\",\"OFFICER\",\"APPROVER\"]},\"do\":\"approveSettlement\"}").as())
                .isEqualTo(new Actor(List.of("APPROVER", "OFFICER"), "approver", null));
        assertThat(Action.parse(1, "{\"on\":\"2026-04-01\",\"as\":{\"role\":\"APPROVER\",\"user\":\"li\"},\"do\":\"approveSettlement\"}").as())
                .isEqualTo(new Actor(List.of("APPROVER"), "li", null));
    }

    @Test
    void theCommandLineChecksTheActionsBeforeAnythingStarts() throws Exception {
        Path events = Files.writeString(work.resolve("events.jsonl"), "\n");
        Path actions = Files.write(work.resolve("actions.jsonl"),
                List.of(action("2026-04-03", "approveSettlement"), action("2026-04-02", "approveSettlement")), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--events", events.toString(), "--actions", actions.toString(),
                "--through", "2026-12-31", "--out", work.toString()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actions line 2: \"on\" 2026-04-02 is before line 1's 2026-04-03");
        assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--actions", actions.toString()}))
                .hasMessage("--actions needs --events, --through and --out");
        assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--events", events.toString(), "--actions", work.resolve("none").toString(),
                "--through", "2026-12-31", "--out", work.toString()})).hasMessageStartingWith("no actions file ");

        Files.write(actions, List.of(action("2026-04-03", "approveSettlement"), "", "{oops"), StandardCharsets.UTF_8);
        LocalRun.Options options = LocalRun.Options.parse(new String[] {"--events", events.toString(), "--actions", actions.toString(),
                "--through", "2026-12-31", "--out", work.toString()});
        assertThat(options.actions()).extracting(Action::line, Action::readable)
                .containsExactly(tuple(1, true), tuple(3, false));
        assertThat(LocalRun.Options.parse(new String[] {"--events", events.toString(), "--through", "2026-12-31", "--out", work.toString()})
                .actions()).isNull();
    }

    private static String action(String on, String name) {
        return "{\"on\":\"" + on + "\",\"as\":{\"role\":\"OFFICER\"},\"do\":\"" + name + "\"}";
    }

    private static String action(String on, String name, String fields) {
        return "{\"on\":\"" + on + "\",\"as\":{\"role\":\"OFFICER\"},\"do\":\"" + name + "\"," + fields + "}";
    }
}
