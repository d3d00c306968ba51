package cn.shanghai.techfinance.subsidy.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.EventData;
import cn.shanghai.techfinance.contracts.bank.Firm;
import cn.shanghai.techfinance.contracts.bank.InterestPaid;
import cn.shanghai.techfinance.contracts.bank.LoanApplied;
import cn.shanghai.techfinance.contracts.bank.LoanApproved;
import cn.shanghai.techfinance.contracts.bank.LoanDisbursed;
import cn.shanghai.techfinance.contracts.bank.LoanSettled;
import cn.shanghai.techfinance.contracts.bank.PolicyIssued;
import cn.shanghai.techfinance.contracts.bank.PremiumPaid;
import cn.shanghai.techfinance.contracts.bank.Program;
import cn.shanghai.techfinance.contracts.bank.Qualification;
import cn.shanghai.techfinance.contracts.bank.QualificationType;
import cn.shanghai.techfinance.contracts.bank.TechPolicyIssued;
import cn.shanghai.techfinance.contracts.bank.TechPolicyLine;
import cn.shanghai.techfinance.contracts.bank.TechPremiumPaid;
import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.subsidy.console.ConsoleBrowser;
import cn.shanghai.techfinance.subsidy.console.ConsoleTest;
import cn.shanghai.techfinance.subsidy.console.ConsoleUsers;
import cn.shanghai.techfinance.subsidy.claims.RuleDataStore;
import cn.shanghai.techfinance.subsidy.nightly.NightlyRuns;
import cn.shanghai.techfinance.subsidy.rules.Money;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfResult.ClaimChange;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfResult.Totals;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What-ifs (issue 15) on the shared end-to-end context: a bank of its own whose triggers all fall in
 * 2029, a year no other class uses, so the what-if's period 2029-01-01 … 2029-06-30 holds these
 * claims only. Two tech-service firms (industry 7320, no qualification), an HNTE firm, a firm with
 * a claim before the period and one in it (for the caps), an HKZD instalment, and a 科技保险 policy
 * of its own insurer. The console's
 * pages in a real browser (ConsoleTest) too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatIfTest extends ConsoleTest {

    private static final String BANK = "WHATIF-SH";
    private static final LocalDate FROM = LocalDate.of(2029, 1, 1);
    private static final LocalDate TO = LocalDate.of(2029, 6, 30);
    private static final String TECH1 = uscc(1);
    private static final String TECH2 = uscc(2);
    private static final String HNTE = uscc(3);
    private static final String CAPPED = uscc(4);
    private static final String HKZD = uscc(5);
    private static final String INSURED = uscc(6);
    private static final String INSURER = "WHATIF-INS";

    @Autowired
    NightlyRuns nights;
    @Autowired
    WhatIfs whatIfs;
    @Autowired
    RuleDataStore rules;

    private final List<BankEvent> events = new ArrayList<>();

    @BeforeAll
    void ledgerAndNights() {
        lyd("t1", firm(TECH1, "7320", false), LocalDate.of(2028, 10, 1), LocalDate.of(2029, 3, 15));
        lyd("t2", firm(TECH2, "7491", false), LocalDate.of(2028, 10, 2), LocalDate.of(2029, 4, 15));
        lyd("h1", firm(HNTE, "3911", true), LocalDate.of(2028, 10, 3), LocalDate.of(2029, 3, 16));
        lyd("c0", firm(CAPPED, "3911", true), LocalDate.of(2028, 9, 5), LocalDate.of(2028, 12, 15));
        lyd("c1", firm(CAPPED, "3911", true), LocalDate.of(2028, 10, 5), LocalDate.of(2029, 2, 15));
        hkzd("k1", firm(HKZD, "3911", true), LocalDate.of(2028, 10, 1), LocalDate.of(2029, 2, 1));
        techPolicy("WT-1", firm(INSURED, "3911", true), "30000.00", LocalDate.of(2029, 1, 10), LocalDate.of(2029, 3, 1));
        sendAndAwaitAccepted(events);
        nights.runToEnd(LocalDate.of(2028, 12, 15));
        nights.runToEnd(TO);
    }

    @Test
    void draftEqualToTheCurrentRulesChangesNoClaim() {
        WhatIfResult result = run(Map.of());
        assertThat(result.claims()).extracting(ClaimChange::uscc).contains(TECH1, TECH2, HNTE, CAPPED, HKZD);
        assertThat(result.claims()).allSatisfy(c -> {
            assertThat(c.afterAmount()).as(c.claimId()).isEqualByComparingTo(c.beforeAmount());
            assertThat(c.afterStatus()).as(c.claimId()).isEqualTo(c.beforeStatus());
            assertThat(c.afterReasons()).as(c.claimId()).isEqualTo(c.beforeReasons());
        });
        assertThat(result.programs()).allSatisfy(p -> assertThat(p.difference()).isEqualByComparingTo("0.00"));
        // before is what the nights recorded
        assertThat(result.claims()).allSatisfy(c -> assertThat(jdbc.queryForObject(
                "SELECT amount FROM claim WHERE claim_id = ?", BigDecimal.class, c.claimId())).as(c.claimId())
                .isEqualByComparingTo(c.beforeAmount()));
    }

    @Test
    void raisingTheTechServiceRatioChangesExactlyTheTechServiceFirmsLydClaims() {
        WhatIfResult result = run(Map.of("lydTechServiceRatio", "0.80"));
        for (ClaimChange c : result.claims()) {
            RuleParameters p = rules.versions().forTriggerDate(c.triggerDate()).orElseThrow();
            boolean techService = c.program().equals("LYD_PREMIUM") && c.beforeStatus().equals("COMPUTED")
                    && p.techServiceIndustryPrefixes().stream().anyMatch(c.industryCode()::startsWith)
                    && !c.triggerDate().isBefore(p.techServiceFrom());
            BigDecimal expected = techService ? Money.round(c.base().multiply(new BigDecimal("0.80"))) : c.beforeAmount();
            assertThat(c.afterAmount()).as(c.claimId()).isEqualByComparingTo(expected);
            if (techService) {
                assertThat(c.beforeAmount()).as(c.claimId()).isEqualByComparingTo(Money.round(c.base().multiply(p.lydTechServiceRatio())));
            }
        }
        assertThat(result.claims().stream().filter(c -> c.difference().signum() != 0).map(ClaimChange::uscc))
                .containsExactlyInAnyOrder(TECH1, TECH2);
        Totals lyd = program(result, "LYD_PREMIUM");
        assertThat(lyd.difference()).isEqualByComparingTo(result.claims().stream().map(ClaimChange::difference)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(program(result, "HKZD_INTEREST").difference()).isEqualByComparingTo("0.00");
    }

    @Test
    void raisingTheTechInsuranceRatioChangesExactlyTheTechInsuranceClaim() {
        WhatIfResult result = run(Map.of("techInsurance", Map.of("ratio", "0.60")));
        assertThat(result.claims().stream().filter(c -> c.difference().signum() != 0))
                .singleElement().satisfies(c -> {
                    assertThat(c.program()).isEqualTo("TECH_INSURANCE_PREMIUM");
                    assertThat(c.uscc()).isEqualTo(INSURED);
                    assertThat(c.beforeAmount()).isEqualByComparingTo("15000.00");
                    assertThat(c.afterAmount()).isEqualByComparingTo(Money.round(c.base().multiply(new BigDecimal("0.60"))));
                });
        assertThat(program(result, "TECH_INSURANCE_PREMIUM").difference()).isEqualByComparingTo("3000.00");
        assertThat(program(result, "LYD_PREMIUM").difference()).isEqualByComparingTo("0.00");
    }

    @Test
    void capsAreReappliedFromWhatEarlierClaimsTook() {
        BigDecimal cap = new BigDecimal("30000.00");
        WhatIfResult result = run(Map.of("lydCapPerSubsidyYear", "30000.00"));
        // the claim of 2028-12-15 (same subsidy year SY2029) keeps what it took; the one in the period gets the rest
        BigDecimal earlier = jdbc.queryForObject("SELECT amount FROM claim WHERE uscc = ? AND trigger_date = '2028-12-15'",
                BigDecimal.class, CAPPED);
        ClaimChange inPeriod = result.claims().stream().filter(c -> c.uscc().equals(CAPPED)).findFirst().orElseThrow();
        assertThat(result.claims()).filteredOn(c -> c.uscc().equals(CAPPED)).hasSize(1);
        assertThat(inPeriod.triggerDate()).isEqualTo(LocalDate.of(2029, 2, 15));
        assertThat(inPeriod.afterAmount()).isEqualByComparingTo(cap.subtract(earlier).max(Money.ZERO).min(inPeriod.beforeAmount()));
        assertThat(inPeriod.afterReasons()).isEqualTo(cap.compareTo(earlier) > 0 ? "CAP_PARTIAL" : "CAP_REACHED");
        // a firm without an earlier claim is cut at the cap itself
        ClaimChange tech = result.claims().stream().filter(c -> c.uscc().equals(TECH1)).findFirst().orElseThrow();
        assertThat(tech.afterAmount()).isEqualByComparingTo(tech.beforeAmount().min(cap));
    }

    @Test
    void breakdownsByMonthIndustryDistrictFirmAndBudgetAndTheCsv() {
        WhatIfResult result = run(Map.of("lydTechServiceRatio", "0.80", "budgets", Map.of("LYD_PREMIUM", Map.of("2029", "50000.00"))));
        BigDecimal tech1 = difference(result, TECH1);
        BigDecimal tech2 = difference(result, TECH2);
        assertThat(tech1.signum()).isPositive();
        assertThat(totals(result.byMonth(), "LYD_PREMIUM")).containsEntry("2029-02", BigDecimal.ZERO.setScale(2))
                .containsEntry("2029-03", tech1).containsEntry("2029-04", tech2);
        assertThat(totals(result.byIndustry(), "LYD_PREMIUM")).containsEntry("73", tech1).containsEntry("74", tech2)
                .containsEntry("39", BigDecimal.ZERO.setScale(2));
        assertThat(totals(result.byDistrict(), "LYD_PREMIUM")).containsEntry("310115", tech1.add(tech2));
        assertThat(result.firms()).extracting(WhatIfResult.FirmChange::uscc, WhatIfResult.FirmChange::change)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(TECH1, WhatIfResult.Change.GAINS),
                        org.assertj.core.groups.Tuple.tuple(TECH2, WhatIfResult.Change.GAINS));
        // the budget of 50,000.00 runs out in the first month whose running total of 2029's LYD claims exceeds it
        WhatIfResult.BudgetEffect budget = result.budgets().stream().filter(b -> b.program().equals("LYD_PREMIUM") && b.year() == 2029)
                .findFirst().orElseThrow();
        assertThat(budget.budget()).isEqualByComparingTo("50000.00");
        assertThat(budget.runsOutBefore()).isEqualTo(runsOut(result, ClaimChange::beforeAmount, new BigDecimal("50000.00")));
        assertThat(budget.runsOutAfter()).isEqualTo(runsOut(result, ClaimChange::afterAmount, new BigDecimal("50000.00")));
        assertThat(budget.runsOutAfter()).isNotNull();

        String byAccept = api().get().uri("/api/v1/what-ifs/{id}", result.id()).accept(MediaType.parseMediaType("text/csv")).retrieve()
                .body(String.class);
        String byParameter = api().get().uri("/api/v1/what-ifs/{id}?format=csv", result.id()).retrieve().body(String.class);
        assertThat(byAccept).isEqualTo(byParameter);
        List<String> lines = byAccept.lines().toList();
        assertThat(lines.get(0)).isEqualTo("section,program,key,claims_before,total_before,claims_after,total_after,difference,change");
        Totals lyd = program(result, "LYD_PREMIUM");
        assertThat(lines).contains(String.join(",", "PROGRAM", "LYD_PREMIUM", "LYD_PREMIUM", "" + lyd.claimsBefore(),
                lyd.totalBefore().toPlainString(), "" + lyd.claimsAfter(), lyd.totalAfter().toPlainString(),
                lyd.difference().toPlainString(), ""));
        assertThat(lines).anyMatch(l -> l.startsWith("FIRM,LYD_PREMIUM," + TECH1 + ",") && l.endsWith(",GAINS"));
    }

    @Test
    void aLaterTechServiceFromMakesTheFirmDisbursedBeforeItIneligible() {
        WhatIfResult result = run(Map.of("techServiceFrom", "2028-10-02"));
        // TECH1 was disbursed on 2028-10-01, TECH2 on 2028-10-02
        assertThat(result.firms()).extracting(WhatIfResult.FirmChange::uscc, WhatIfResult.FirmChange::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TECH1, WhatIfResult.Change.BECOMES_INELIGIBLE));
        ClaimChange tech1 = result.claims().stream().filter(c -> c.uscc().equals(TECH1)).findFirst().orElseThrow();
        assertThat(tech1.afterStatus()).isEqualTo("INELIGIBLE");
        assertThat(tech1.afterReasons()).isEqualTo("NOT_TECH_FIRM");
        assertThat(tech1.afterAmount()).isEqualByComparingTo("0.00");
    }

    @Test
    void nothingOutsideTheSandboxChanges() {
        JdbcTemplate ledger = new JdbcTemplate(intake().getBean(DataSource.class));
        awaitOutboxesEmpty(ledger);
        Map<String, Long> before = rowCounts(jdbc, ledger);
        run(Map.of("lydTechServiceRatio", "0.90", "lydCapPerSubsidyYear", "10000.00", "hkzdRatio", "0.60"));
        assertThat(rowCounts(jdbc, ledger)).isEqualTo(before);
    }

    @Test
    void officersOnlyAndBadBodiesNamedByField() {
        String body = "{\"from\":\"2029-01-01\",\"to\":\"2029-06-30\",\"draft\":{}}";
        for (String token : List.of(TOKENS.bankToken(BANK), TOKENS.firmToken(TECH1), TOKENS.token("APPROVER"))) {
            assertThat(post(token, body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(api(token).get().uri("/api/v1/what-ifs").retrieve().toBodilessEntity().getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(api(token).get().uri("/api/v1/what-ifs/1").retrieve().toBodilessEntity().getStatusCode())
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        Map<String, String> bad = new TreeMap<>(Map.of(
                "{\"to\":\"2029-06-30\",\"draft\":{}}", "'from' is missing",
                "{\"from\":\"2029-13-01\",\"to\":\"2029-06-30\",\"draft\":{}}", "'from' must be a date",
                "{\"from\":\"2029-07-01\",\"to\":\"2029-06-30\",\"draft\":{}}", "'from' (2029-07-01) is after 'to'",
                "{\"from\":\"2029-01-01\",\"to\":\"+10000-01-01\",\"draft\":{}}", "'to' must be a date of the years 1000 to 9999",
                "{\"from\":\"2029-01-01\",\"to\":\"2029-06-30\"}", "'draft' is missing",
                "{\"from\":\"2029-01-01\",\"to\":\"2029-06-30\",\"draft\":{\"lydRate\":0.6}}", "'draft.lydRate' is not a rule parameter",
                "{\"from\":\"2029-01-01\",\"to\":\"2029-06-30\",\"draft\":{\"lydRatio\":\"high\"}}", "'draft.lydRatio' must be a decimal",
                "{\"from\":\"2029-01-01\",\"to\":\"2029-06-30\",\"draft\":{\"lydRatio\":1.5}}", "lydRatio must be within [0, 1]",
                "{\"from\":\"2029-01-01\",\"to\":\"2029-06-30\",\"draft\":{\"techServiceFrom\":\"May 22\"}}",
                "'draft.techServiceFrom' must be a date",
                "{\"from\":\"2029-01-01\",\"to\":\"2029-06-30\",\"draft\":{\"smeMaxEmployees\":\"many\"}}",
                "'draft.smeMaxEmployees' must be a whole number"));
        bad.put("{\"from\":\"2029-01-01\",\"to\":\"2029-06-30\",\"draft\":{\"techInsurance\":{\"rate\":0.6}}}",
                "'draft.techInsurance.rate' is not a rule parameter");
        bad.put("{\"from\":\"2029-01-01\",\"to\":\"2029-06-30\",\"draft\":{\"techInsurance\":0.6}}",
                "'draft.techInsurance' must be an object of its parameters");
        int whatIfsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM what_if", Integer.class);
        bad.forEach((json, reason) -> {
            ResponseEntity<String> response = post(TOKENS.token("OFFICER"), json);
            assertThat(response.getStatusCode()).as(json).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getBody()).as(json).contains(reason);
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM what_if", Integer.class)).isEqualTo(whatIfsBefore);
        assertThat(api().get().uri("/api/v1/what-ifs/999999999").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void anOfficerStartsAWhatIfInTheConsoleAndReadsItsResultAnAuditorIsRefused() {
        ConsoleBrowser wang = signedIn(ConsoleUsers.WANG);
        wang.go("/console/officer/what-ifs");
        WebElement from = wang.waitFor(By.id("what-if-from"));
        // a date input takes its value in the browser's locale when typed: set the ISO value it submits
        JavascriptExecutor page = (JavascriptExecutor) wang.driver();
        page.executeScript("arguments[0].value = arguments[1]", from, FROM.toString());
        page.executeScript("arguments[0].value = arguments[1]", wang.find(By.id("what-if-to")), TO.toString());
        WebElement draft = wang.find(By.id("what-if-draft"));
        draft.clear();
        draft.sendKeys("{\"lydTechServiceRatio\": \"0.80\"}");
        wang.find(By.id("start-what-if")).click();
        // the result page follows the job on its own (htmx) until it has ended
        new WebDriverWait(wang.driver(), Duration.ofSeconds(60)).until(d -> !d.findElements(By.id("what-if-programs")).isEmpty());
        assertThat(wang.find(By.id("what-if-status")).getText()).isEqualTo("COMPLETED");
        assertThat(wang.find(By.id("what-if-firms")).getText()).contains(TECH1, TECH2, "增加");
        assertThat(wang.findAll(By.cssSelector("#what-if-month-chart rect"))).hasSizeGreaterThan(2);
        assertThat(wang.find(By.id("what-if-industries")).getText()).contains("73", "74");
        wang.screenshot("console-officer-what-if");

        // a draft that names no rule parameter is refused on the form, naming the field
        wang.go("/console/officer/what-ifs");
        page.executeScript("arguments[0].value = arguments[1]", wang.waitFor(By.id("what-if-from")), FROM.toString());
        page.executeScript("arguments[0].value = arguments[1]", wang.find(By.id("what-if-to")), TO.toString());
        wang.find(By.id("what-if-draft")).clear();
        wang.find(By.id("what-if-draft")).sendKeys("{\"lydRate\": 0.6}");
        wang.find(By.id("start-what-if")).click();
        assertThat(wang.waitFor(By.id("what-if-error")).getText()).contains("'draft.lydRate' is not a rule parameter");

        ConsoleBrowser zhao = signedIn(ConsoleUsers.ZHAO);
        zhao.go("/console/officer/what-ifs");
        assertThat(zhao.findAll(By.id("what-if-form"))).isEmpty();
        assertThat(zhao.findAll(By.linkText("政策测算"))).isEmpty();
    }

    private WhatIfResult run(Map<String, Object> draft) {
        ResponseEntity<WhatIfController.WhatIfView> started = api().post().uri("/api/v1/what-ifs").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("from", FROM.toString(), "to", TO.toString(), "draft", draft)).retrieve()
                .toEntity(WhatIfController.WhatIfView.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        long id = started.getBody().id();
        assertThat(whatIfs.awaitEnd(id, Duration.ofSeconds(60)).status()).isEqualTo(WhatIfStore.Status.COMPLETED);
        return api().get().uri("/api/v1/what-ifs/{id}", id).retrieve().body(WhatIfResult.class);
    }

    private ResponseEntity<String> post(String token, String json) {
        return api(token).post().uri("/api/v1/what-ifs").contentType(MediaType.APPLICATION_JSON).body(json).retrieve()
                .toEntity(String.class);
    }

    private static BigDecimal difference(WhatIfResult result, String uscc) {
        return result.claims().stream().filter(c -> c.uscc().equals(uscc)).map(ClaimChange::difference).reduce(BigDecimal::add).orElseThrow();
    }

    private static Map<String, BigDecimal> totals(List<Totals> rows, String program) {
        return rows.stream().filter(t -> t.program().equals(program))
                .collect(Collectors.toMap(Totals::key, Totals::difference));
    }

    private static YearMonth runsOut(WhatIfResult result, Function<ClaimChange, BigDecimal> amount, BigDecimal budget) {
        BigDecimal running = BigDecimal.ZERO;
        for (ClaimChange c : result.claims().stream().filter(c -> c.program().equals("LYD_PREMIUM"))
                .sorted(java.util.Comparator.comparing(ClaimChange::triggerDate)).toList()) {
            running = running.add(amount.apply(c));
            if (running.compareTo(budget) > 0) {
                return YearMonth.from(c.triggerDate());
            }
        }
        return null;
    }

    private static Totals program(WhatIfResult result, String name) {
        return result.programs().stream().filter(p -> p.program().equals(name)).findFirst().orElseThrow();
    }

    /** Every table of both schemas but the what-if's own and the job repository's (which records the what-if's job as any job's). */
    private static Map<String, Long> rowCounts(JdbcTemplate subsidy, JdbcTemplate ledger) {
        Map<String, Long> counts = new TreeMap<>();
        for (JdbcTemplate db : List.of(subsidy, ledger)) {
            String schema = db.queryForObject("SELECT DATABASE()", String.class);
            for (String table : db.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                    + " AND table_name NOT LIKE 'what\\_if%' AND table_name NOT LIKE 'BATCH\\_%'", String.class)) {
                counts.put(schema + "." + table, db.queryForObject("SELECT COUNT(*) FROM `" + table + "`", Long.class));
            }
        }
        assertThat(counts).containsKeys(subsidyKey(subsidy, "claim"), subsidyKey(subsidy, "cap_usage"), subsidyKey(subsidy, "outbox_batch"));
        return counts;
    }

    private static String subsidyKey(JdbcTemplate db, String table) {
        return db.queryForObject("SELECT DATABASE()", String.class) + "." + table;
    }

    /** The relays delete what they sent: counts are steady once both outboxes are empty. */
    private void awaitOutboxesEmpty(JdbcTemplate ledger) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM outbox_batch", Long.class) == 0
                        && ledger.queryForObject("SELECT COUNT(*) FROM outbox_batch", Long.class) == 0);
    }

    private static String uscc(int n) {
        return Uscc.withCheckCharacter(String.format("91310104MA%07d", 9_310_000 + n));
    }

    private static Firm firm(String uscc, String industryCode, boolean hnte) {
        return new Firm(uscc, "上海测算科技有限公司", industryCode, "310115", 85, new BigDecimal("42000000.00"),
                new BigDecimal("30000000.00"), hnte ? List.of(new Qualification(QualificationType.HNTE, "GR" + uscc.substring(10),
                LocalDate.of(2028, 1, 1), LocalDate.of(2030, 12, 31))) : List.of());
    }

    /** An LYD loan of one contract, premium 45,000.00 paid ten days after disbursement, settled on {@code settledOn}. */
    private void lyd(String key, Firm firm, LocalDate disbursedOn, LocalDate settledOn) {
        add(disbursedOn.minusDays(10), new LoanApplied("A-" + key, Program.LYD, true, false, new BigDecimal("3000000.00"), 12, firm));
        add(disbursedOn.minusDays(5), new LoanApproved("A-" + key, "P-" + key, new BigDecimal("3000000.00")));
        add(disbursedOn, new LoanDisbursed("C-" + key, "P-" + key, new BigDecimal("3000000.00"), new BigDecimal("0.0345"),
                new BigDecimal("0.0300"), disbursedOn, disbursedOn.plusYears(1).minusDays(1), null));
        add(disbursedOn, new PolicyIssued("Y-" + key, "PICC-SH", "C-" + key, new BigDecimal("3000000.00"), new BigDecimal("0.015"),
                new BigDecimal("45000.00"), disbursedOn));
        add(disbursedOn.plusDays(10), new PremiumPaid("Y-" + key, new BigDecimal("45000.00"), disbursedOn.plusDays(10)));
        add(settledOn, new LoanSettled("C-" + key, settledOn));
    }

    /** An HKZD loan with one instalment of 10,000.00 paid on its due date. */
    private void hkzd(String key, Firm firm, LocalDate disbursedOn, LocalDate paidOn) {
        add(disbursedOn.minusDays(10), new LoanApplied("HA-" + key, Program.HKZD, false, true, new BigDecimal("5000000.00"), 24, firm));
        add(disbursedOn.minusDays(5), new LoanApproved("HA-" + key, "HP-" + key, new BigDecimal("5000000.00")));
        add(disbursedOn, new LoanDisbursed("HC-" + key, "HP-" + key, new BigDecimal("5000000.00"), new BigDecimal("0.0345"),
                new BigDecimal("0.0310"), disbursedOn, disbursedOn.plusYears(2), null));
        add(paidOn, new InterestPaid("HC-" + key, 1, paidOn.minusMonths(3), paidOn.minusDays(1), new BigDecimal("10000.00"), paidOn,
                paidOn));
    }

    /** A 科技保险 policy of {@link #INSURER}, its premium paid at once on {@code paidOn}. */
    private void techPolicy(String policyNo, Firm firm, String premium, LocalDate startOn, LocalDate paidOn) {
        insurer(startOn, new TechPolicyIssued(policyNo, TechPolicyLine.RD_EXPENSE_LOSS, firm, new BigDecimal("2000000.00"),
                new BigDecimal(premium), startOn, startOn.plusYears(1).minusDays(1)));
        insurer(paidOn, new TechPremiumPaid(policyNo, new BigDecimal(premium), paidOn));
    }

    private void add(LocalDate day, EventData data) {
        events.add(new BankEvent(BANK + "-" + (events.size() + 1), EventSource.bank(BANK),
                OffsetDateTime.of(day.atTime(10, 0), ZoneOffset.ofHours(8)), data));
    }

    private void insurer(LocalDate day, EventData data) {
        events.add(new BankEvent(INSURER + "-" + (events.size() + 1), EventSource.insurer(INSURER),
                OffsetDateTime.of(day.atTime(10, 0), ZoneOffset.ofHours(8)), data));
    }
}
