package cn.shanghai.techfinance.subsidy.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.EventData;
import cn.shanghai.techfinance.contracts.bank.Firm;
import cn.shanghai.techfinance.contracts.bank.Qualification;
import cn.shanghai.techfinance.contracts.bank.QualificationType;
import cn.shanghai.techfinance.contracts.bank.TechPolicyCancelled;
import cn.shanghai.techfinance.contracts.bank.TechPolicyIssued;
import cn.shanghai.techfinance.contracts.bank.TechPolicyLine;
import cn.shanghai.techfinance.contracts.bank.TechPremiumPaid;
import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.console.ConsoleBrowser;
import cn.shanghai.techfinance.subsidy.console.ConsoleTest;
import cn.shanghai.techfinance.subsidy.console.ConsoleUsers;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.rules.Program;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 科技保险 (TECH_INSURANCE_PREMIUM, subsidy-rules.md §4a) through the same night as the loan
 * programmes: an insurer's events on its own topic, through intake and the ledger, to claims with the
 * programme's rules, its caps, its cancellation, its claim events, the export's row and the
 * insurer's own view of its claims, the officer's page of a claim in a browser; then the
 * programme's own lifecycle through the APIs: its
 * publication list, the firm's confirmation, a settlement on its own budget approved by another
 * person, and a policy cancelled after payment due back (CLAWBACK_DUE).
 */
class TechInsuranceEndToEndTest extends ConsoleTest {

    private static final String INSURER = "TINS-SH";
    private static final String OTHER_INSURER = "TINS-BJ";
    private static final String TECH_FIRM = Uscc.withCheckCharacter("91310104MA8000001");
    private static final String PLAIN_FIRM = Uscc.withCheckCharacter("91310104MA8000002");
    private static final String BIG_FIRM = Uscc.withCheckCharacter("91310104MA8000003");
    /** The triggers' period, published and settled: no other class's 科技保险 claim falls in it (the population's are on its NIGHTS). */
    private static final String PERIOD_FROM = "2026-03-01";
    private static final String PERIOD_TO = "2026-03-12";

    @Autowired
    NightlyRuns runs;

    @Autowired
    BusinessClock businessClock;

    private Optional<LocalDate> setBefore;

    private final List<BankEvent> events = new ArrayList<>();
    /** Event ids go on across sends: an id sent again is the same event to intake. */
    private int eventNo;

    @BeforeEach
    void keepTheBusinessDate() {
        setBefore = businessClock.setDate();
    }

    /** The business date as the other classes sharing the context left it. */
    @AfterEach
    void restoreTheBusinessDate() {
        setBefore.ifPresent(businessClock::set);
    }

    @Test
    void anInsurersPoliciesBecomeClaimsThroughTheNight() {
        Firm tech = firm(TECH_FIRM, "3911", true);
        // paid in two instalments: the second, on 03-10, completes the premium and is the trigger
        issued("T-1", TechPolicyLine.RD_EXPENSE_LOSS, tech, "40000.00", LocalDate.of(2026, 2, 1));
        paid("T-1", "15000.00", LocalDate.of(2026, 2, 5));
        paid("T-1", "25000.00", LocalDate.of(2026, 3, 10));
        issued("T-2", TechPolicyLine.OTHER, tech, "10000.00", LocalDate.of(2026, 2, 1));
        paid("T-2", "10000.00", LocalDate.of(2026, 3, 1));
        issued("T-3", TechPolicyLine.DELIVERY_ASSURANCE, firm(PLAIN_FIRM, "1711", false), "8000.00", LocalDate.of(2026, 2, 1));
        paid("T-3", "8000.00", LocalDate.of(2026, 3, 1));
        // half paid: no claim until the rest comes
        issued("T-4", TechPolicyLine.KEY_EQUIPMENT, tech, "12000.00", LocalDate.of(2026, 2, 1));
        paid("T-4", "6000.00", LocalDate.of(2026, 3, 1));
        // paid, claimed, then cancelled (退保) before any payment of the claim
        issued("T-5", TechPolicyLine.THIRD_PARTY_LIABILITY, tech, "6000.00", LocalDate.of(2026, 2, 1));
        paid("T-5", "6000.00", LocalDate.of(2026, 3, 2));
        cancelled("T-5", LocalDate.of(2026, 3, 12));
        // 50 % of 1,200,000.00 is over the 500,000.00 a policy may get; the third policy meets the firm's 1,000,000.00 a year
        Firm big = firm(BIG_FIRM, "3911", true);
        issued("T-6", TechPolicyLine.RD_EXPENSE_LOSS, big, "1200000.00", LocalDate.of(2026, 1, 5));
        paid("T-6", "1200000.00", LocalDate.of(2026, 3, 1));
        issued("T-7", TechPolicyLine.DELIVERY_ASSURANCE, big, "800000.00", LocalDate.of(2026, 1, 5));
        paid("T-7", "800000.00", LocalDate.of(2026, 3, 2));
        issued("T-8", TechPolicyLine.KEY_EQUIPMENT, big, "400000.00", LocalDate.of(2026, 1, 5));
        paid("T-8", "400000.00", LocalDate.of(2026, 3, 3));
        sendAndAwaitAccepted(events);

        runs.runToEnd(LocalDate.of(2026, 3, 5));
        Map<String, Map<String, Object>> claims = claimsOf(INSURER);
        assertThat(claims).as("T-1 is due on 03-10, T-4 waits for its premium").hasSize(6);
        assertClaim(claims, "T-2", "INELIGIBLE", "10000.00", "0.00", "LINE_NOT_COVERED");
        assertClaim(claims, "T-3", "INELIGIBLE", "8000.00", "0.00", "NOT_TECH_FIRM");
        assertClaim(claims, "T-5", "COMPUTED", "6000.00", "3000.00", "");
        assertClaim(claims, "T-6", "COMPUTED", "1200000.00", "500000.00", "CAP_PARTIAL");
        assertClaim(claims, "T-7", "COMPUTED", "800000.00", "400000.00", "");
        assertClaim(claims, "T-8", "COMPUTED", "400000.00", "100000.00", "CAP_PARTIAL");
        assertThat(claims.get(id("T-6")).get("application_no")).as("no application: the policy stands for it").isEqualTo("T-6");

        runs.runToEnd(LocalDate.of(2026, 3, 12));
        Map<String, Map<String, Object>> later = claimsOf(INSURER);
        assertThat(later).hasSize(7);
        assertClaim(later, "T-1", "COMPUTED", "40000.00", "20000.00", "");
        assertThat(later.get(id("T-1")).get("trigger_date")).hasToString("2026-03-10");
        assertClaim(later, "T-5", "CANCELLED", "6000.00", "3000.00", "POLICY_CANCELLED");
        assertThat(jdbc.queryForObject("SELECT state FROM claim_unit WHERE program = 'TECH_INSURANCE' AND unit_no = 'T-4'",
                String.class)).isEqualTo("WAITING");

        // the claim events name the programme and the insurer; the notifier sends them to the insurer's results topic
        Map<String, List<ClaimEvent>> published = await().atMost(Duration.ofSeconds(30)).until(
                () -> publishedClaimEvents().stream().filter(e -> INSURER.equals(e.bankCode()))
                        .collect(Collectors.groupingBy(ClaimEvent::claimId)),
                byClaim -> byClaim.keySet().equals(later.keySet()) && byClaim.get(id("T-5")).size() == 2);
        ClaimEvent t1 = published.get(id("T-1")).get(0);
        assertThat(t1.program()).isEqualTo(ClaimEvent.Program.TECH_INSURANCE_PREMIUM);
        assertThat(t1.approvalNo()).isEqualTo("T-1");
        assertThat(t1.amount()).isEqualByComparingTo("20000.00");

        // the export: bank_code is the insurer's, approval_no the policy
        String csv = api().get().uri("/api/v1/claims/export?through=2026-03-31").retrieve().body(String.class);
        assertThat(csv.lines()).anySatisfy(line -> assertThat(line)
                .startsWith("TECH_INSURANCE_PREMIUM," + INSURER + ",T-1,,," + TECH_FIRM + ",2026-03-10,40000.00,0.50,20000.00,COMPUTED,"));

        // the insurer reads the claims on its own policies, never another's; a bank token reads none of them
        JsonNode own = JsonMapper.shared().readTree(api(TOKENS.insurerToken(INSURER)).get()
                .uri("/api/v1/insurers/" + INSURER + "/claims").retrieve().body(String.class));
        assertThat(own).hasSize(7);
        assertThat(own.get(0).get("program").asString()).isEqualTo("TECH_INSURANCE_PREMIUM");
        assertThat(api(TOKENS.insurerToken(INSURER)).get().uri("/api/v1/insurers/" + OTHER_INSURER + "/claims").retrieve()
                .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api(TOKENS.bankToken(INSURER)).get().uri("/api/v1/insurers/" + INSURER + "/claims").retrieve()
                .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        // an officer's page of the claim explains it by the policy and its premiums, not by a loan
        ConsoleBrowser wang = signedIn(ConsoleUsers.WANG);
        wang.go("/console/officer/claims/" + id("T-1"));
        assertThat(wang.find(By.id("claim-summary")).getText()).contains("科技保险保单 T-1（保险公司 " + INSURER + "）", "20,000.00");
        assertThat(wang.find(By.id("fact-tech-policy")).getText()).contains("T-1", "RD_EXPENSE_LOSS", "40,000.00", "2026-02-01",
                "上海保险测试科技有限公司");
        assertThat(wang.find(By.id("fact-tech-premiums")).getText()).contains("15,000.00", "2026-02-05", "25,000.00", "2026-03-10");
        assertThat(wang.findAll(By.id("fact-application"))).as("a policy has no loan application").isEmpty();

        // and the firm sees its claims on its own page of the API
        JsonNode firms = JsonMapper.shared().readTree(api(TOKENS.firmToken(TECH_FIRM)).get()
                .uri("/api/v1/firms/" + TECH_FIRM + "/claims").retrieve().body(String.class));
        assertThat(firms.toString()).contains("TECH_INSURANCE_PREMIUM").contains("T-1");

        // 公示: the programme's own list of what is computed above 0.00 (T-5 is cancelled, T-2 and T-3 ineligible)
        businessClock.set(LocalDate.of(2026, 3, 16));
        JsonNode list = json(post(TOKENS.token("OFFICER"), "/api/v1/publications", period(PERIOD_FROM, PERIOD_TO)),
                HttpStatus.CREATED);
        assertThat(list.get("count").asInt()).isEqualTo(4);
        assertThat(list.get("number").asString()).startsWith("TECH_INSURANCE_PREMIUM-2026-");
        // the firm confirms its claim and names the account; a settlement of the programme pays it, approved by another person
        json(post(TOKENS.firmToken(TECH_FIRM), "/api/v1/firms/" + TECH_FIRM + "/claims/" + id("T-1") + "/confirmation",
                "{\"payeeName\":\"上海保险测试科技有限公司\",\"payeeAccount\":\"6222021234567890\",\"payeeBank\":\"中国工商银行上海分行\"}"),
                HttpStatus.OK);
        JsonNode settlement = json(post(TOKENS.token("OFFICER"), "/api/v1/settlements", period(PERIOD_FROM, PERIOD_TO)),
                HttpStatus.CREATED);
        assertThat(settlement.get("program").asString()).isEqualTo("TECH_INSURANCE_PREMIUM");
        assertThat(settlement.get("count").asInt()).isEqualTo(1);
        assertThat(settlement.get("total").decimalValue()).isEqualByComparingTo("20000.00");
        long settlementId = settlement.get("id").asLong();
        assertThat(json(post(TOKENS.token("APPROVER"), "/api/v1/settlements/" + settlementId + "/approval", ""), HttpStatus.OK)
                .get("state").asString()).isEqualTo("APPROVED");
        assertThat(jdbc.queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, id("T-1"))).isEqualTo("PAID");
        assertThat(api().get().uri("/api/v1/budgets/TECH_INSURANCE_PREMIUM/2026").retrieve().body(String.class)).contains("20000");

        // the policy cancelled after the claim was paid: the whole amount is due back
        events.clear();
        cancelled("T-1", LocalDate.of(2026, 3, 20));
        sendAndAwaitAccepted(events);
        runs.runToEnd(LocalDate.of(2026, 3, 20));
        assertThat(jdbc.queryForObject("SELECT status FROM claim WHERE claim_id = ?", String.class, id("T-1"))).isEqualTo("CLAWBACK_DUE");
    }

    private static String period(String from, String to) {
        return "{\"program\":\"TECH_INSURANCE_PREMIUM\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
    }

    private ResponseEntity<String> post(String token, String path, String body) {
        return api(token).post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
    }

    private static JsonNode json(ResponseEntity<String> answer, HttpStatus expected) {
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(expected);
        return JsonMapper.shared().readTree(answer.getBody());
    }

    private static Firm firm(String uscc, String industryCode, boolean hnte) {
        return new Firm(uscc, "上海保险测试科技有限公司", industryCode, "310104", 120, new BigDecimal("52000000.00"),
                new BigDecimal("40000000.00"), hnte ? List.of(new Qualification(QualificationType.HNTE, "GR" + uscc.substring(10),
                LocalDate.of(2024, 1, 1), LocalDate.of(2027, 12, 31))) : List.of());
    }

    private void issued(String policyNo, TechPolicyLine line, Firm firm, String premium, LocalDate startOn) {
        add(startOn, new TechPolicyIssued(policyNo, line, firm, new BigDecimal("5000000.00"), new BigDecimal(premium), startOn,
                startOn.plusYears(1).minusDays(1)));
    }

    private void paid(String policyNo, String amount, LocalDate paidOn) {
        add(paidOn, new TechPremiumPaid(policyNo, new BigDecimal(amount), paidOn));
    }

    private void cancelled(String policyNo, LocalDate cancelledOn) {
        add(cancelledOn, new TechPolicyCancelled(policyNo, cancelledOn));
    }

    private void add(LocalDate day, EventData data) {
        events.add(new BankEvent(INSURER + "-" + (++eventNo), EventSource.insurer(INSURER),
                OffsetDateTime.of(day.atTime(10, 0), ZoneOffset.ofHours(8)), data));
    }

    private static String id(String policyNo) {
        return ClaimRecord.claimId(Program.TECH_INSURANCE, INSURER, policyNo, null, null);
    }

    private Map<String, Map<String, Object>> claimsOf(String insurer) {
        return jdbc.queryForList("SELECT * FROM claim WHERE bank_code = ?", insurer).stream()
                .collect(Collectors.toMap(r -> (String) r.get("claim_id"), r -> r));
    }

    private static void assertClaim(Map<String, Map<String, Object>> claims, String policyNo, String status, String base,
                                    String amount, String reasons) {
        Map<String, Object> claim = claims.get(id(policyNo));
        assertThat(claim).as(policyNo).isNotNull();
        assertThat(claim.get("program")).as(policyNo).isEqualTo("TECH_INSURANCE");
        assertThat(claim.get("status")).as(policyNo).isEqualTo(status);
        assertThat((BigDecimal) claim.get("base_amount")).as(policyNo).isEqualByComparingTo(base);
        assertThat((BigDecimal) claim.get("amount")).as(policyNo).isEqualByComparingTo(amount);
        assertThat(claim.get("reasons")).as(policyNo).isEqualTo(reasons);
    }
}
