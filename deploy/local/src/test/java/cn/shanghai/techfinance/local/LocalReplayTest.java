package cn.shanghai.techfinance.local;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.Csv;
import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.BankEventCodec;
import cn.shanghai.techfinance.contracts.bank.EventData;
import cn.shanghai.techfinance.contracts.bank.Firm;
import cn.shanghai.techfinance.contracts.bank.InterestPaid;
import cn.shanghai.techfinance.contracts.bank.LoanApplied;
import cn.shanghai.techfinance.contracts.bank.LoanApproved;
import cn.shanghai.techfinance.contracts.bank.LoanDisbursed;
import cn.shanghai.techfinance.contracts.bank.LoanSettled;
import cn.shanghai.techfinance.contracts.bank.PolicyCancelled;
import cn.shanghai.techfinance.contracts.bank.PolicyIssued;
import cn.shanghai.techfinance.contracts.bank.PremiumPaid;
import cn.shanghai.techfinance.contracts.bank.Program;
import cn.shanghai.techfinance.contracts.bank.Qualification;
import cn.shanghai.techfinance.contracts.bank.QualificationType;
import cn.shanghai.techfinance.contracts.bank.Uscc;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay path of deploy/local/run.sh, for real: infrastructure and services in their own
 * processes, a small events file replayed over Kafka, then an officer's month of actions played
 * through the real API with real tokens (publication, confirmations, two settlements — the first
 * payment failed —, a clawback and its recovery), the nights run between them; the actions' answers,
 * settlements, claims and rejections checked line by line and the notifier's deliveries row by row. Needs the services' jars: it runs
 * after them in the build.
 */
class LocalReplayTest {

    private static final String BANK = "LOCAL-SH";
    private static final BankEventCodec CODEC = new BankEventCodec();

    @TempDir
    Path work;

    @Test
    void replayWritesTheClaimsTheRejectionsAndTheActionsAndTheWhatIf() throws Exception {
        String lydFirm = Uscc.withCheckCharacter("91310115MA1000001");
        String hkzdFirm = Uscc.withCheckCharacter("91310115MA1000002");
        List<String> lines = new ArrayList<>();
        // worked example 1 (LYD, 22,500.00), with its child events before the parent to show parking works
        List<String> lyd = List.of(
                line("e1", "2025-09-20", new LoanApplied("A-1", Program.LYD, true, false, money("3000000.00"), 12, firm(lydFirm, "3911"))),
                line("e2", "2025-09-25", new LoanApproved("A-1", "P-1", money("3000000.00"))),
                line("e3", "2025-10-01", new LoanDisbursed("C-1", "P-1", money("3000000.00"), new BigDecimal("0.0345"),
                        new BigDecimal("0.0300"), LocalDate.of(2025, 10, 1), LocalDate.of(2026, 9, 30), null)),
                line("e4", "2025-10-01", new PolicyIssued("Y-1", "PICC-SH", "C-1", money("3000000.00"), new BigDecimal("0.015"),
                        money("45000.00"), LocalDate.of(2025, 10, 1))),
                line("e5", "2025-10-10", new PremiumPaid("Y-1", money("45000.00"), LocalDate.of(2025, 10, 10))),
                line("e6", "2026-03-15", new LoanSettled("C-1", LocalDate.of(2026, 3, 15))));
        lines.add(lyd.get(1));
        lines.add(lyd.get(0));
        lines.addAll(lyd.subList(2, 6));
        // worked example 4 (HKZD, rate-capped, 5,425.00)
        lines.add(line("h1", "2025-06-20", new LoanApplied("A-2", Program.HKZD, false, true, money("5000000.00"), 24, firm(hkzdFirm, "3911"))));
        lines.add(line("h2", "2025-06-25", new LoanApproved("A-2", "P-2", money("5000000.00"))));
        lines.add(line("h3", "2025-07-01", new LoanDisbursed("C-2", "P-2", money("5000000.00"), new BigDecimal("0.0500"),
                new BigDecimal("0.0310"), LocalDate.of(2025, 7, 1), LocalDate.of(2027, 6, 30), null)));
        lines.add(line("h4", "2025-09-30", new InterestPaid("C-2", 1, LocalDate.of(2025, 7, 1), LocalDate.of(2025, 9, 30),
                money("12500.00"), LocalDate.of(2025, 9, 30), LocalDate.of(2025, 9, 30))));
        // a duplicate, a bad check character, and a line that is not JSON
        lines.add(lines.get(lines.size() - 1));
        lines.add(line("bad-1", "2025-10-02", new LoanApplied("A-3", Program.LYD, true, false, money("1000000.00"), 12,
                firm("91310115MA1K4XXXXX", "3911"))));
        lines.add("{\"specversion\":\"1.0\", not json");
        // the LYD policy is cancelled after the loan's settlement date: once paid, the claim is clawed back
        lines.add(line("e7", "2026-05-04", new PolicyCancelled("Y-1", LocalDate.of(2026, 5, 4))));
        Path events = work.resolve("events.jsonl");
        Files.write(events, lines, StandardCharsets.UTF_8);
        Path actionsFile = work.resolve("actions.jsonl");
        Files.write(actionsFile, actions(lydFirm, hkzdFirm), StandardCharsets.UTF_8);
        LocalDate through = LocalDate.of(2026, 5, 31);

        LocalRun run = new LocalRun(Path.of("../..").toAbsolutePath().normalize());
        Path out = work.resolve("out");
        try {
            run.startSystem(LocalRun.Layout.SINGLE);
            run.replay(events, ActionsFile.read(actionsFile, through), through, out);
            // --what-if: the LYD ratio 0.60 instead of 0.50 over the replayed period, priced on its ledger
            Path draft = work.resolve("draft.json");
            Files.writeString(draft, "{\"lydRatio\": \"0.60\"}");
            run.whatIf(WhatIfRun.read(draft, LocalDate.of(2025, 7, 1), through), out);
        } finally {
            run.stopAll();
        }

        assertThat(Csv.read(Files.readString(out.resolve("actions.csv")))).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(2))
                .containsExactly("line do status",
                        "1 publish 201", "2 publish 201", "3 publish 409", "4 confirm 403", "5 confirm 200", "6 confirm 400",
                        "7 confirm 404", "8 confirm 409", "9 approveSettlement 404", "10 prepareSettlement 201",
                        "11 approveSettlement 403", "12 approveSettlement 200", "13 approveSettlement 200", "14 reconcile 200",
                        "15 prepareSettlement 201", "16 approveSettlement 200", "17 reconcile 200", "18 recordRecovery 409",
                        "19  400", "20 recordRecovery 200", "21 recordRecovery 200", "22 prepareSettlement 403",
                        "23 loadCalendar 200", "24 pay 400");
        List<List<String>> rows = Csv.read(Files.readString(out.resolve("actions.csv")));
        // the refusals say why, in the server's words
        assertThat(rows.get(1).get(3)).contains("LYD_PREMIUM-2026-001").contains("2026-04-07");   // 3rd working day: 清明 04-06 is off
        assertThat(rows.get(2).get(3)).contains("HKZD_INTEREST-2026-001");
        assertThat(rows.get(6).get(3)).contains("payeeAccount");
        assertThat(rows.get(8).get(3)).contains("2026-04-07");                                    // a day late, before the night forfeits it
        assertThat(rows.get(11).get(3)).isNotBlank();
        assertThat(rows.get(18).get(3)).contains("PAID");

        assertThat(Files.readAllLines(out.resolve("settlements.csv"))).containsExactly(
                "id,program,state,count,total",
                "1,LYD_PREMIUM,RECONCILED,1,22500.00",
                "2,LYD_PREMIUM,RECONCILED,1,22500.00");
        assertThat(Files.readAllLines(out.resolve("claims.csv"))).containsExactly(
                "program,bank_code,approval_no,contract_no,installment_no,uscc,trigger_date,base_amount,ratio,amount,status,reasons,"
                        + "rule_version,published_on,confirm_by,settlement_id",
                "LYD_PREMIUM," + BANK + ",P-1,,," + lydFirm + ",2026-03-15,45000.00,0.50,22500.00,RECOVERED,,2025.1,2026-04-01,2026-04-07,2",
                "HKZD_INTEREST," + BANK + ",,C-2,1," + hkzdFirm + ",2025-09-30,12500.00,0.50,5425.00,FORFEITED,RATE_CAPPED,2025.1,"
                        + "2026-04-01,2026-04-07,");
        // the claims as computed (the lifecycle is not priced): P-1 45,000.00 × 0.60; the HKZD instalment unchanged
        assertThat(Files.readAllLines(out.resolve("what-if.csv"))).containsExactly(
                "program,claims_before,total_before,claims_after,total_after",
                "LYD_PREMIUM,1,22500.00,1,27000.00",
                "HKZD_INTEREST,1,5425.00,1,5425.00",
                "TECH_INSURANCE_PREMIUM,0,0.00,0,0.00"); // one row per programme: this replay has no insurer
        assertThat(Files.readAllLines(out.resolve("rejections.csv"))).containsExactly(
                "event_id,source,reason",
                "bad-1,bank/" + BANK + ",INVALID_USCC(data.firm.uscc)",
                ",bank/" + BANK + ",MALFORMED_JSON($)");

        // the notifier told the bank once per answered event and per claim state; firms have no address here
        List<String> deliveries = Files.readAllLines(out.resolve("deliveries.csv"));
        String lydClaim = claimId("LYD_PREMIUM:" + BANK + ":P-1");
        String hkzdClaim = claimId("HKZD_INTEREST:" + BANK + ":C-2#1");
        assertThat(deliveries.get(0)).isEqualTo("recipient,channel,event_id,status,attempts");
        List<String> results = deliveries.stream().filter(l -> l.contains(",KAFKA,")).toList();
        List<String> claimStates = new ArrayList<>();
        for (int version = 1; version <= 8; version++) {
            // P-1: computed, published, confirmed, paid, confirmed (payment failed), paid, clawback due, recovered
            claimStates.add("claim/" + lydClaim + "@" + version);
        }
        for (int version = 1; version <= 3; version++) {
            // C-2 #1: computed, published, forfeited
            claimStates.add("claim/" + hkzdClaim + "@" + version);
        }
        List<String> expected = new ArrayList<>(List.of("event/e1", "event/e2", "event/e3", "event/e4", "event/e5", "event/e6",
                "event/e7", "event/h1", "event/h2", "event/h3", "event/h4", "event/bad-1"));
        expected.addAll(claimStates);
        assertThat(results).hasSize(13 + 11).allMatch(l -> l.startsWith(BANK + ",KAFKA,") && l.endsWith(",DELIVERED,1"));
        assertThat(results).map(l -> l.split(",")[2]).filteredOn(id -> !id.startsWith("record/")).containsExactlyInAnyOrderElementsOf(expected);
        // firms are told of computed, published, forfeited, paid and clawed-back claims
        assertThat(deliveries.stream().filter(l -> l.contains(",EMAIL,"))).containsExactlyInAnyOrder(
                lydFirm + ",EMAIL,claim/" + lydClaim + "@1,NO_CONTACT,0",
                lydFirm + ",EMAIL,claim/" + lydClaim + "@2,NO_CONTACT,0",
                lydFirm + ",EMAIL,claim/" + lydClaim + "@4,NO_CONTACT,0",
                lydFirm + ",EMAIL,claim/" + lydClaim + "@6,NO_CONTACT,0",
                lydFirm + ",EMAIL,claim/" + lydClaim + "@7,NO_CONTACT,0",
                hkzdFirm + ",EMAIL,claim/" + hkzdClaim + "@1,NO_CONTACT,0",
                hkzdFirm + ",EMAIL,claim/" + hkzdClaim + "@2,NO_CONTACT,0",
                hkzdFirm + ",EMAIL,claim/" + hkzdClaim + "@3,NO_CONTACT,0");
        assertThat(deliveries).hasSize(1 + 24 + 8);
    }

    /** An officer's month of work on the two claims, with every kind of refusal along the way. */
    private static List<String> actions(String lydFirm, String hkzdFirm) {
        String wang = "\"as\":{\"role\":\"OFFICER\",\"user\":\"wang\"}";
        String li = "\"as\":{\"role\":\"APPROVER\",\"user\":\"li\"}";
        String lyd = "\"claim\":{\"program\":\"LYD_PREMIUM\",\"bank_code\":\"" + BANK + "\",\"approval_no\":\"P-1\"}";
        String hkzd = "\"claim\":{\"program\":\"HKZD_INTEREST\",\"bank_code\":\"" + BANK + "\",\"contract_no\":\"C-2\",\"installment_no\":1}";
        String payee = "\"payee\":{\"name\":\"上海示例科技有限公司\",\"account\":\"6222021234567890\",\"bank\":\"浦发银行上海分行\"}";
        String lydPeriod = "\"program\":\"LYD_PREMIUM\",\"from\":\"2026-01-01\",\"to\":\"2026-03-31\"";
        return List.of(
                "{\"on\":\"2026-04-01\"," + wang + ",\"do\":\"publish\"," + lydPeriod + "}",
                "{\"on\":\"2026-04-01\"," + wang + ",\"do\":\"publish\",\"program\":\"HKZD_INTEREST\",\"from\":\"2025-07-01\",\"to\":\"2025-12-31\"}",
                "{\"on\":\"2026-04-01\"," + wang + ",\"do\":\"publish\"," + lydPeriod + "}",
                "{\"on\":\"2026-04-03\",\"as\":{\"role\":\"FIRM\",\"uscc\":\"" + hkzdFirm + "\"},\"do\":\"confirm\"," + lyd + "," + payee + "}",
                "{\"on\":\"2026-04-03\",\"as\":{\"role\":\"FIRM\"},\"do\":\"confirm\"," + lyd + "," + payee + "}",
                "{\"on\":\"2026-04-03\",\"as\":{\"role\":\"FIRM\"},\"do\":\"confirm\"," + hkzd
                        + ",\"payee\":{\"name\":\"上海示例科技有限公司\",\"account\":\"6222-0212\",\"bank\":\"中国银行上海分行\"}}",
                "{\"on\":\"2026-04-03\",\"as\":{\"role\":\"FIRM\"},\"do\":\"confirm\",\"claim\":{\"program\":\"LYD_PREMIUM\",\"bank_code\":\""
                        + BANK + "\",\"approval_no\":\"P-404\"}," + payee + "}",
                "{\"on\":\"2026-04-08\",\"as\":{\"role\":\"FIRM\"},\"do\":\"confirm\"," + hkzd + "," + payee + "}",
                "{\"on\":\"2026-04-09\"," + li + ",\"do\":\"approveSettlement\"}",
                "{\"on\":\"2026-04-10\"," + wang + ",\"do\":\"prepareSettlement\"," + lydPeriod + "}",
                "{\"on\":\"2026-04-10\",\"as\":{\"role\":[\"OFFICER\",\"APPROVER\"],\"user\":\"wang\"},\"do\":\"approveSettlement\"}",
                "{\"on\":\"2026-04-10\"," + li + ",\"do\":\"approveSettlement\"}",
                "{\"on\":\"2026-04-10\"," + li + ",\"do\":\"approveSettlement\"}",
                "{\"on\":\"2026-04-20\"," + wang + ",\"do\":\"reconcile\",\"results\":[{\"payee_uscc\":\"" + lydFirm + "\",\"status\":\"FAILED\"}]}",
                "{\"on\":\"2026-04-21\"," + wang + ",\"do\":\"prepareSettlement\"," + lydPeriod + "}",
                "{\"on\":\"2026-04-21\"," + li + ",\"do\":\"approveSettlement\"}",
                "{\"on\":\"2026-04-28\"," + wang + ",\"do\":\"reconcile\",\"results\":[]}",
                "{\"on\":\"2026-04-28\"," + wang + ",\"do\":\"recordRecovery\"," + lyd + "}",
                "{\"on\":\"2026-05-0",
                "{\"on\":\"2026-05-06\"," + wang + ",\"do\":\"recordRecovery\"," + lyd + ",\"reference\":\"退款凭证 2026-017\"}",
                "{\"on\":\"2026-05-06\"," + wang + ",\"do\":\"recordRecovery\"," + lyd + ",\"reference\":\"退款凭证 2026-017\"}",
                "{\"on\":\"2026-05-07\",\"as\":{\"role\":\"AUDITOR\"},\"do\":\"prepareSettlement\"," + lydPeriod + "}",
                "{\"on\":\"2026-05-20\"," + wang + ",\"do\":\"loadCalendar\",\"year\":2027,\"holidays\":[\"2027-01-01\"],\"workdays\":[]}",
                "{\"on\":\"2026-05-21\"," + wang + ",\"do\":\"pay\"}");
    }

    /** subsidy-batch's claim id (ClaimRecord.claimId, not on this module's class path): the name-based UUID of the claim's key. */
    private static String claimId(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Firm firm(String uscc, String industry) {
        return new Firm(uscc, "上海示例科技有限公司", industry, "310115", 85, money("42000000.00"), money("30000000.00"),
                List.of(new Qualification(QualificationType.HNTE, "GR-" + uscc.substring(12), LocalDate.of(2024, 1, 1),
                        LocalDate.of(2027, 12, 31))));
    }

    private static String line(String id, String day, EventData data) {
        BankEvent event = new BankEvent(id, EventSource.bank(BANK), OffsetDateTime.of(LocalDate.parse(day).atTime(9, 0),
                ZoneOffset.ofHours(8)), data);
        return new String(CODEC.encode(event), StandardCharsets.UTF_8);
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }
}
