package cn.shanghai.techfinance.subsidy;

import static cn.shanghai.techfinance.security.ProblemAssertions.assertProblem;
import static cn.shanghai.techfinance.security.ProblemAssertions.problemDetail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.bank.Firm;
import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.nightly.NightlyRuns;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publication (公示) and confirmation over real HTTP with real tokens, on claims the nightly run
 * computed from bank events: numbered lists, what a list takes (COMPUTED, above 0.00, new), the
 * deadline of working-days.md's worked examples, a deadline in a year not loaded, and a firm's
 * confirmation on its deadline, late, repeated, of another firm, of a claim not published; and the
 * list's files, in full and as the public notice.
 *
 * <p>The schema, the ledger and the nights are shared with the other end-to-end classes: this class
 * has its own bank, firms, LYD trigger dates in 2025-11-03 … 2025-11-19 and an HKZD one on 2025-11-05 (no
 * other class triggers a claim there, so its periods hold only its own claims) and nights 2025-11-20 and 2025-11-21.
 * The 2027 calendar belongs to it while it runs and is removed around it.
 */
class PublicationAndConfirmationTest extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BANK = "PUB-SH";
    private static final Pattern NUMBER = Pattern.compile("LYD_PREMIUM-(\\d{4})-(\\d{3,})");
    /** LYD_PREMIUM 22,500.00: HNTE firm, premium 45,000.00 × 0.50. */
    private static final String PREMIUM = "45000.00";

    // firms (LoanStories.uscc numbers)
    private static final int F_MAIN = 9_310_001;
    private static final int F_CAP = 9_310_002;
    private static final int F_LATE_COMER = 9_310_003;
    private static final int F_EXAMPLE_2 = 9_310_004;
    private static final int F_EXAMPLE_4 = 9_310_005;
    private static final int F_EXAMPLE_6 = 9_310_006;
    private static final int F_NEXT_YEAR = 9_310_007;
    private static final int F_CONFIRMS = 9_310_008;
    private static final int F_LATE = 9_310_009;
    private static final int F_RACE_1 = 9_310_010;
    private static final int F_RACE_2 = 9_310_011;
    private static final int F_HKZD = 9_310_012;
    private static final int F_DOCUMENTS = 9_310_013;
    /** A name with a comma: the CSV quotes it (RFC 4180). */
    private static final String NAME_WITH_COMMA = "上海乙丑科技有限公司,浦东分公司";

    private static boolean computed;

    @Autowired
    NightlyRuns runs;

    @Autowired
    BusinessClock businessClock;

    /** The claims every test works on, computed once by the night of 2025-11-20. */
    @BeforeEach
    void claimsComputedOnce() {
        removeCalendar2027();
        if (computed) {
            return;
        }
        LoanStories s = new LoanStories(BANK);
        // a name of its own, to be found on the list as the ledger's firm snapshot gives it
        Firm main = LoanStories.firm(LoanStories.uscc(F_MAIN), "3911", true);
        s.lyd("main", new Firm(main.uscc(), "上海甲子科技有限公司", main.industryCode(), main.registeredDistrict(), main.employees(),
                main.annualRevenue(), main.totalAssets(), main.qualifications()), disbursed(), PREMIUM, paid(), nov(3));
        // 1,000,000.00 × 0.50 takes the firm's whole cap of the subsidy year: its next claim is 0.00, CAP_REACHED
        s.lyd("cap1", firm(F_CAP), disbursed(), "1000000.00", paid(), nov(4));
        s.lyd("cap2", firm(F_CAP), disbursed(), PREMIUM, paid(), nov(5));
        s.lyd("ex2", firm(F_EXAMPLE_2), disbursed(), PREMIUM, paid(), nov(10));
        s.lyd("ex4", firm(F_EXAMPLE_4), disbursed(), PREMIUM, paid(), nov(11));
        s.lyd("ex6", firm(F_EXAMPLE_6), disbursed(), PREMIUM, paid(), nov(12));
        s.lyd("next", firm(F_NEXT_YEAR), disbursed(), PREMIUM, paid(), nov(13));
        s.lyd("conf", firm(F_CONFIRMS), disbursed(), PREMIUM, paid(), nov(14));
        s.lyd("late", firm(F_LATE), disbursed(), PREMIUM, paid(), nov(14));
        s.lyd("race1", firm(F_RACE_1), disbursed(), PREMIUM, paid(), nov(17));
        s.lyd("race2", firm(F_RACE_2), disbursed(), PREMIUM, paid(), nov(18));
        Firm documents = firm(F_DOCUMENTS);
        s.lyd("docs", new Firm(documents.uscc(), NAME_WITH_COMMA, documents.industryCode(), documents.registeredDistrict(),
                documents.employees(), documents.annualRevenue(), documents.totalAssets(), documents.qualifications()), disbursed(),
                PREMIUM, paid(), nov(19));
        // HKZD_INTEREST 5,000.00: interest 10,000.00 paid on time × 0.50 (rate 0.0345 under the cap 0.0310 × 1.4)
        s.hkzd("hk", firm(F_HKZD), false, "0.0345", "0.0310", LocalDate.of(2025, 7, 1),
                List.<String[]>of(new String[] {"10000.00", "2025-11-05", "2025-11-05"}));
        sendAndAwaitAccepted(s.events());
        assertThat(runs.runToEnd(LocalDate.of(2025, 11, 20)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(status("P-cap2")).isEqualTo("COMPUTED");
        assertThat(jdbc.queryForObject("SELECT amount FROM claim WHERE claim_id = ?", BigDecimal.class, claimId("P-cap2")))
                .isEqualByComparingTo("0.00");
        assertThat(jdbc.queryForObject("SELECT reasons FROM claim WHERE claim_id = ?", String.class, claimId("P-cap2")))
                .isEqualTo("CAP_REACHED");
        computed = true;
    }

    @AfterEach
    void removeCalendar2027() {
        jdbc.update("DELETE FROM calendar_day WHERE calendar_year = 2027");
        jdbc.update("DELETE FROM calendar_year WHERE calendar_year = 2027");
    }

    /**
     * The test classes share one database, and a night forfeits every PUBLISHED claim past its
     * deadline, whoever published it: claims this class leaves published would change the counts of
     * other classes' later nights. Each test publishes its own period, so what it left published is
     * withdrawn from the lifecycle after it (test data only: no transition is recorded).
     */
    @AfterEach
    void withdrawWhatIsLeftPublished() {
        jdbc.update("UPDATE claim SET status = 'FORFEITED' WHERE bank_code IN (?, ?) AND status = 'PUBLISHED'", BANK, BANK + "-2");
    }

    @Test
    void aPublicationListsWhatIsComputedAboveZeroAndAgainOnlyWhatIsNew() {
        // working-days.md example 1: published Wed 2026-03-11 → Thu 12, Fri 13, Mon 16
        businessClock.set(LocalDate.of(2026, 3, 11));
        JsonNode first = json(publish(TOKENS.token("OFFICER"), "2025-11-03", "2025-11-07"), HttpStatus.CREATED);
        assertThat(first.get("program").asString()).isEqualTo("LYD_PREMIUM");
        assertThat(first.get("from").asString()).isEqualTo("2025-11-03");
        assertThat(first.get("to").asString()).isEqualTo("2025-11-07");
        assertThat(first.get("publishedOn").asString()).isEqualTo("2026-03-11");
        assertThat(first.get("confirmBy").asString()).isEqualTo("2026-03-16");
        assertThat(first.get("count").asInt()).isEqualTo(2);
        assertThat(first.get("total").decimalValue()).isEqualByComparingTo("522500.00");
        String number = first.get("number").asString();
        Matcher n = NUMBER.matcher(number);
        assertThat(n.matches()).as(number).isTrue();
        assertThat(n.group(1)).isEqualTo("2026");
        long id = first.get("id").asLong();

        for (String approval : List.of("P-main", "P-cap1")) {
            Map<String, Object> claim = jdbc.queryForMap("SELECT * FROM claim WHERE claim_id = ?", claimId(approval));
            assertThat(claim.get("status")).as(approval).isEqualTo("PUBLISHED");
            assertThat(claim.get("published_on")).as(approval).hasToString("2026-03-11");
            assertThat(claim.get("confirmation_deadline")).as(approval).hasToString("2026-03-16");
            assertThat(((Number) claim.get("publication_id")).longValue()).as(approval).isEqualTo(id);
            // the audit trail: who published it, on which business date, with which list
            Map<String, Object> transition = jdbc.queryForMap("SELECT * FROM claim_transition WHERE claim_id = ?"
                    + " ORDER BY claim_version DESC LIMIT 1", claimId(approval));
            assertThat(transition.get("from_status")).isEqualTo("COMPUTED");
            assertThat(transition.get("to_status")).isEqualTo("PUBLISHED");
            assertThat(transition.get("actor")).isEqualTo("officer");
            assertThat(transition.get("business_date")).hasToString("2026-03-11");
            assertThat(transition.get("reference")).isEqualTo(number);
        }
        // 0.00 (CAP_REACHED) has nothing to pay: it stays COMPUTED, on no list
        assertThat(status("P-cap2")).isEqualTo("COMPUTED");

        JsonNode detail = json(get(TOKENS.token("AUDITOR"), "/api/v1/publications/" + id), HttpStatus.OK);
        assertThat(detail.get("number").asString()).isEqualTo(number);
        assertThat(detail.get("publishedBy").asString()).isEqualTo("officer");
        assertThat(detail.get("claims")).hasSize(2);
        assertThat(detail.get("claims").get(0).get("claimId").asString()).isEqualTo(claimId("P-main"));
        assertThat(detail.get("claims").get(0).get("firmName").asString()).isEqualTo("上海甲子科技有限公司");
        assertThat(detail.get("claims").get(0).get("uscc").asString()).isEqualTo(LoanStories.uscc(F_MAIN));
        assertThat(detail.get("claims").get(0).get("bankCode").asString()).isEqualTo(BANK);
        assertThat(detail.get("claims").get(0).get("amount").decimalValue()).isEqualByComparingTo("22500.00");
        assertThat(detail.get("claims").get(1).get("firmName").asString()).isEqualTo("上海测试科技有限公司");
        assertThat(detail.get("claims").get(1).get("amount").decimalValue()).isEqualByComparingTo("500000.00");

        // the claim event carries the deadline as confirmationDeadline (the notifier's mail shows it)
        ClaimEvent published = await().atMost(Duration.ofSeconds(30)).until(() -> publishedClaimEvents().stream()
                .filter(e -> e.claimId().equals(claimId("P-main")) && e.status() == ClaimEvent.Status.PUBLISHED).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(published.confirmationDeadline()).isEqualTo(LocalDate.of(2026, 3, 16));
        assertThat(published.version()).isEqualTo(2);

        // the same period again: nothing new
        assertThat(problemDetail(publish(TOKENS.token("OFFICER"), "2025-11-03", "2025-11-07"), HttpStatus.CONFLICT))
                .startsWith("nothing new to publish");

        // a claim of the period computed since: the same period again publishes it alone, on the next list
        LoanStories later = new LoanStories(BANK + "-2");
        later.lyd("late", firm(F_LATE_COMER), disbursed(), PREMIUM, paid(), nov(6));
        sendAndAwaitAccepted(later.events());
        assertThat(runs.runToEnd(LocalDate.of(2025, 11, 21)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        businessClock.set(LocalDate.of(2026, 3, 12));
        ResponseEntity<String> again = publish(TOKENS.token("OFFICER"), "2025-11-03", "2025-11-07");
        JsonNode second = json(again, HttpStatus.CREATED);
        assertThat(second.get("count").asInt()).isEqualTo(1);
        assertThat(second.get("total").decimalValue()).isEqualByComparingTo("22500.00");
        // Thu 2026-03-12 → Fri 13, Mon 16, Tue 17
        assertThat(second.get("confirmBy").asString()).isEqualTo("2026-03-17");
        assertThat(second.get("number").asString()).isEqualTo("LYD_PREMIUM-2026-" + "%03d".formatted(Integer.parseInt(n.group(2)) + 1));
        assertThat(again.getHeaders().getLocation()).hasToString("/api/v1/publications/" + second.get("id").asLong());
        assertThat(jdbc.queryForObject("SELECT status FROM claim WHERE bank_code = ? AND approval_no = 'P-late'", String.class,
                BANK + "-2")).isEqualTo("PUBLISHED");

        // newest first
        JsonNode all = json(get(TOKENS.token("OFFICER"), "/api/v1/publications"), HttpStatus.OK);
        assertThat(all.get(0).get("id").asLong()).isEqualTo(second.get("id").asLong());
        assertThat(all.valueStream().map(p -> p.get("id").asLong()).toList()).contains(id);
        assertThat(all.get(0).has("claims")).isFalse();
        assertProblem(get(TOKENS.token("OFFICER"), "/api/v1/publications/999999999"), HttpStatus.NOT_FOUND);
    }

    @Test
    void confirmByFollowsTheWorkedExamplesOfWorkingDaysMd() {
        // example 2: Thu 2026-02-12 → Fri 02-13, Sat 02-14 make-up working day, 02-15…02-23 off, Tue 02-24
        assertThat(publishOn(LocalDate.of(2026, 2, 12), nov(10))).isEqualTo("2026-02-24");
        // example 4: Sat 2026-01-03 (a holiday) → Sun 01-04 make-up working day, Mon 01-05, Tue 01-06
        assertThat(publishOn(LocalDate.of(2026, 1, 3), nov(11))).isEqualTo("2026-01-06");
        // example 6: Fri 2026-12-25 → Mon 12-28, Tue 12-29, Wed 12-30
        assertThat(publishOn(LocalDate.of(2026, 12, 25), nov(12))).isEqualTo("2026-12-30");
        assertThat(jdbc.queryForObject("SELECT confirmation_deadline FROM claim WHERE claim_id = ?", LocalDate.class,
                claimId("P-ex2"))).isEqualTo(LocalDate.of(2026, 2, 24));
    }

    @Test
    void aDeadlineInAYearNotLoadedRefusesThePublicationUntilTheYearIsLoaded() {
        // example 6, second half: published Wed 2026-12-30 → the deadline falls in 2027
        businessClock.set(LocalDate.of(2026, 12, 30));
        int lists = jdbc.queryForObject("SELECT COUNT(*) FROM publication", Integer.class);
        String refusal = problemDetail(publish(TOKENS.token("OFFICER"), "2025-11-13", "2025-11-13"), HttpStatus.CONFLICT);
        assertThat(refusal).startsWith("the working-day calendar of 2027 is not loaded");
        assertThat(status("P-next")).isEqualTo("COMPUTED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM publication", Integer.class)).isEqualTo(lists);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim_transition WHERE claim_id = ?", Integer.class, claimId("P-next")))
                .isEqualTo(1);

        assertThat(api().put().uri("/api/v1/calendar/2027").contentType(MediaType.APPLICATION_JSON)
                .body("{\"holidays\":[\"2027-01-01\"],\"workdays\":[]}").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.OK);
        JsonNode published = json(publish(TOKENS.token("OFFICER"), "2025-11-13", "2025-11-13"), HttpStatus.CREATED);
        // Thu 12-31, Fri 2027-01-01 off, Mon 01-04, Tue 01-05
        assertThat(published.get("confirmBy").asString()).isEqualTo("2027-01-05");
        assertThat(published.get("number").asString()).startsWith("LYD_PREMIUM-2026-");
        assertThat(status("P-next")).isEqualTo("PUBLISHED");
    }

    @Test
    void anHkzdPublicationHasItsOwnNumbers() {
        businessClock.set(LocalDate.of(2026, 3, 11));
        JsonNode list = json(post(TOKENS.token("OFFICER"), "{\"program\":\"HKZD_INTEREST\",\"from\":\"2025-11-05\",\"to\":\"2025-11-05\"}"),
                HttpStatus.CREATED);
        assertThat(list.get("program").asString()).isEqualTo("HKZD_INTEREST");
        assertThat(list.get("number").asString()).matches("HKZD_INTEREST-2026-\\d{3,}");
        assertThat(list.get("count").asInt()).isEqualTo(1);
        assertThat(list.get("total").decimalValue()).isEqualByComparingTo("5000.00");
        assertThat(jdbc.queryForObject("SELECT status FROM claim WHERE bank_code = ? AND contract_no = 'HC-hk'", String.class, BANK))
                .isEqualTo("PUBLISHED");
        // the LYD claims of that day are another programme's: still COMPUTED
        assertThat(status("P-cap2")).isEqualTo("COMPUTED");
    }

    @Test
    void theListDownloadsInFullForOfficersAndAuditorsAndMaskedAsTheNoticeForEveryRole() throws Exception {
        businessClock.set(LocalDate.of(2026, 3, 11));
        JsonNode published = json(publish(TOKENS.token("OFFICER"), "2025-11-19", "2025-11-19"), HttpStatus.CREATED);
        String number = published.get("number").asString();
        String path = "/api/v1/publications/" + published.get("id").asLong();
        String uscc = LoanStories.uscc(F_DOCUMENTS);
        String masked = uscc.substring(0, 6) + "********" + uscc.substring(14);
        List<String> particulars = List.of("公示编号," + number, "补贴项目,科技履约贷保费补贴（LYD_PREMIUM）",
                "所属期间,2025-11-19 至 2025-11-19", "公示日期,2026-03-11", "确认截止日期,2026-03-16", "",
                "序号,企业名称,统一社会信用代码,贷款银行,补贴金额（元）");

        ResponseEntity<byte[]> list = download(TOKENS.token("AUDITOR"), path + "/list.csv");
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(list.getHeaders().getContentType()).hasToString("text/csv;charset=UTF-8");
        assertThat(list.getHeaders().getContentDisposition().getFilename()).isEqualTo(number + "-list.csv");
        String csv = new String(list.getBody(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF");
        assertThat(csv.substring(1).lines().toList()).containsExactlyElementsOf(concat(particulars,
                "1,\"" + NAME_WITH_COMMA + "\"," + uscc + "," + BANK + ",22500.00", "合计,1,,,22500.00"));

        for (String token : List.of(TOKENS.firmToken(LoanStories.uscc(F_MAIN)), TOKENS.bankToken("OTHER-SH"), TOKENS.token("APPROVER"))) {
            ResponseEntity<byte[]> notice = download(token, path + "/notice.csv");
            assertThat(notice.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(notice.getHeaders().getContentDisposition().getFilename()).isEqualTo(number + "-notice.csv");
            assertThat(new String(notice.getBody(), StandardCharsets.UTF_8).substring(1).lines().toList())
                    .containsExactlyElementsOf(concat(particulars,
                            "1,\"" + NAME_WITH_COMMA + "\"," + masked + "," + BANK + ",22500.00", "合计,1,,,22500.00"));
            assertProblem(get(token, path + "/list.csv"), HttpStatus.FORBIDDEN);
        }

        try (XSSFWorkbook book = xlsx(download(TOKENS.token("OFFICER"), path + "/list.xlsx"))) {
            Row row = rowOf(book, NAME_WITH_COMMA);
            assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(1);
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo(uscc);
            assertThat(row.getCell(3).getStringCellValue()).isEqualTo(BANK);
            assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(22500.00);
            assertThat(texts(book)).contains(number, "合计");
        }
        try (XSSFWorkbook book = xlsx(download(TOKENS.firmToken(uscc), path + "/notice.xlsx"))) {
            assertThat(rowOf(book, NAME_WITH_COMMA).getCell(2).getStringCellValue()).isEqualTo(masked);
            assertThat(texts(book)).contains(number).doesNotContain(uscc);
        }
    }

    @Test
    void concurrentPublicationsGetNumbersOfTheirOwn() {
        businessClock.set(LocalDate.of(2026, 3, 11));
        String officer = TOKENS.token("OFFICER");
        var first = CompletableFuture.supplyAsync(() -> publish(officer, "2025-11-17", "2025-11-17"));
        var second = CompletableFuture.supplyAsync(() -> publish(officer, "2025-11-18", "2025-11-18"));
        JsonNode one = json(first.join(), HttpStatus.CREATED);
        JsonNode other = json(second.join(), HttpStatus.CREATED);
        assertThat(one.get("count").asInt()).isEqualTo(1);
        assertThat(other.get("count").asInt()).isEqualTo(1);
        Matcher a = NUMBER.matcher(one.get("number").asString());
        Matcher b = NUMBER.matcher(other.get("number").asString());
        assertThat(a.matches() && b.matches()).isTrue();
        // one after the other, whichever came first
        assertThat(Math.abs(Integer.parseInt(a.group(2)) - Integer.parseInt(b.group(2)))).isEqualTo(1);
        assertThat(status("P-race1")).isEqualTo("PUBLISHED");
        assertThat(status("P-race2")).isEqualTo("PUBLISHED");
    }

    @Test
    void aFirmConfirmsOnItsDeadlineButNotADayLateNorAnotherFirmsClaim() {
        businessClock.set(LocalDate.of(2026, 3, 11));
        JsonNode list = json(publish(TOKENS.token("OFFICER"), "2025-11-14", "2025-11-14"), HttpStatus.CREATED);
        assertThat(list.get("count").asInt()).isEqualTo(2);
        assertThat(list.get("confirmBy").asString()).isEqualTo("2026-03-16");
        String firm = LoanStories.uscc(F_CONFIRMS);
        String claim = claimId("P-conf");
        String payee = payee("上海丙辰科技有限公司", "6222021234567890", "中国工商银行上海分行");

        // not their claim: another firm 403, an officer 403 (officers do not confirm for a firm)
        assertProblem(confirm(TOKENS.firmToken(LoanStories.uscc(F_LATE)), firm, claim, payee), HttpStatus.FORBIDDEN);
        assertProblem(confirm(TOKENS.token("OFFICER"), firm, claim, payee), HttpStatus.FORBIDDEN);
        // the firm's own path, but another firm's claim or none: 404
        assertProblem(confirm(TOKENS.firmToken(firm), firm, claimId("P-late"), payee), HttpStatus.NOT_FOUND);
        assertProblem(confirm(TOKENS.firmToken(firm), firm, "no-such-claim", payee), HttpStatus.NOT_FOUND);

        // an invalid payee: 400 naming the field, nothing changed
        String token = TOKENS.firmToken(firm);
        assertThat(problemDetail(confirm(token, firm, claim, payee("上海丙辰科技有限公司", "6222-0212-3456", "工行")),
                HttpStatus.BAD_REQUEST)).startsWith("'payeeAccount' must be 8–32 digits");
        assertThat(problemDetail(confirm(token, firm, claim, payee("上海丙辰科技有限公司", "1234567", "工行")),
                HttpStatus.BAD_REQUEST)).startsWith("'payeeAccount' must be 8–32 digits");
        assertThat(problemDetail(confirm(token, firm, claim, payee("上海丙辰科技有限公司", "1".repeat(33), "工行")),
                HttpStatus.BAD_REQUEST)).startsWith("'payeeAccount' must be 8–32 digits");
        assertThat(problemDetail(confirm(token, firm, claim, payee("   ", "6222021234567890", "工行")),
                HttpStatus.BAD_REQUEST)).isEqualTo("'payeeName' is missing");
        assertThat(problemDetail(confirm(token, firm, claim, payee("名".repeat(101), "6222021234567890", "工行")),
                HttpStatus.BAD_REQUEST)).isEqualTo("'payeeName' must be at most 100 characters");
        String noBank = "{\"payeeName\":\"上海丙辰科技有限公司\",\"payeeAccount\":\"6222021234567890\"}";
        assertThat(problemDetail(confirm(token, firm, claim, noBank), HttpStatus.BAD_REQUEST)).isEqualTo("'payeeBank' is missing");
        assertThat(status("P-conf")).isEqualTo("PUBLISHED");

        // on the deadline: confirmed, with its payee (the name trimmed)
        businessClock.set(LocalDate.of(2026, 3, 16));
        JsonNode confirmed = json(confirm(token, firm, claim,
                payee("  上海丙辰科技有限公司 ", "6222021234567890", "中国工商银行上海分行")), HttpStatus.OK);
        assertThat(confirmed.get("claimId").asString()).isEqualTo(claim);
        assertThat(confirmed.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("confirmationDeadline").asString()).isEqualTo("2026-03-16");
        assertThat(confirmed.get("publishedOn").asString()).isEqualTo("2026-03-11");
        assertThat(confirmed.get("payee").get("name").asString()).isEqualTo("上海丙辰科技有限公司");
        assertThat(confirmed.get("payee").get("account").asString()).isEqualTo("6222021234567890");
        assertThat(confirmed.get("payee").get("bank").asString()).isEqualTo("中国工商银行上海分行");
        Map<String, Object> transition = jdbc.queryForMap("SELECT * FROM claim_transition WHERE claim_id = ?"
                + " ORDER BY claim_version DESC LIMIT 1", claim);
        assertThat(transition.get("from_status")).isEqualTo("PUBLISHED");
        assertThat(transition.get("to_status")).isEqualTo("CONFIRMED");
        assertThat(transition.get("actor")).isEqualTo("firm");
        assertThat(transition.get("business_date")).hasToString("2026-03-16");
        assertThat(transition.get("reference")).isNull();

        // a repeat, naming another payee (100 characters is still a name): 200, the claim as stored
        JsonNode repeat = json(confirm(token, firm, claim, payee("名".repeat(100), "12345678", "招商银行")), HttpStatus.OK);
        assertThat(repeat).isEqualTo(confirmed);
        assertThat(jdbc.queryForObject("SELECT version FROM claim WHERE claim_id = ?", Long.class, claim)).isEqualTo(3);

        // the firm's own view shows it
        JsonNode view = json(get(token, "/api/v1/firms/" + firm + "/claims"), HttpStatus.OK);
        assertThat(view).hasSize(1);
        assertThat(view.get(0)).isEqualTo(confirmed);

        // a day late: 409 with the deadline; the claim stays PUBLISHED
        businessClock.set(LocalDate.of(2026, 3, 17));
        String late = LoanStories.uscc(F_LATE);
        assertThat(problemDetail(confirm(TOKENS.firmToken(late), late, claimId("P-late"), payee), HttpStatus.CONFLICT))
                .contains("2026-03-16").contains("today is 2026-03-17");
        assertThat(status("P-late")).isEqualTo("PUBLISHED");

        // a claim that is not PUBLISHED: 409 with its state
        String capFirm = LoanStories.uscc(F_CAP);
        assertThat(problemDetail(confirm(TOKENS.firmToken(capFirm), capFirm, claimId("P-cap2"), payee), HttpStatus.CONFLICT))
                .isEqualTo("claim " + claimId("P-cap2") + " is COMPUTED, not PUBLISHED: it cannot be confirmed");
    }

    @Test
    void aBadRequestIsNamedAndOnlyAnOfficerPublishes() {
        String officer = TOKENS.token("OFFICER");
        assertThat(problemDetail(post(officer, "{\"program\":\"LYD_PREMIUM\",\"from\":\"2025-11-07\",\"to\":\"2025-11-03\"}"),
                HttpStatus.BAD_REQUEST)).isEqualTo("'from' (2025-11-07) is after 'to' (2025-11-03)");
        assertThat(problemDetail(post(officer, "{\"program\":\"TECH_INSURANCE\",\"from\":\"2025-11-03\",\"to\":\"2025-11-07\"}"),
                HttpStatus.BAD_REQUEST)).isEqualTo("'program' must be LYD_PREMIUM, HKZD_INTEREST or TECH_INSURANCE_PREMIUM, not 'TECH_INSURANCE'");
        assertThat(problemDetail(post(officer, "{\"from\":\"2025-11-03\",\"to\":\"2025-11-07\"}"), HttpStatus.BAD_REQUEST))
                .startsWith("'program' is missing");
        assertThat(problemDetail(post(officer, "{\"program\":\"LYD_PREMIUM\",\"from\":\"2025-11-03\"}"), HttpStatus.BAD_REQUEST))
                .isEqualTo("'to' is missing (YYYY-MM-DD)");
        assertThat(problemDetail(post(officer, "{\"program\":\"LYD_PREMIUM\",\"from\":\"3 Nov 2025\",\"to\":\"2025-11-07\"}"),
                HttpStatus.BAD_REQUEST)).isEqualTo("'from' must be a date (YYYY-MM-DD), not '3 Nov 2025'");
        for (String token : List.of(TOKENS.token("AUDITOR"), TOKENS.token("APPROVER"), TOKENS.bankToken(BANK),
                TOKENS.firmToken(LoanStories.uscc(F_MAIN)))) {
            assertProblem(publish(token, "2025-11-03", "2025-11-07"), HttpStatus.FORBIDDEN);
        }
        assertThat(status("P-cap2")).isEqualTo("COMPUTED");
    }

    /** Publishes the claims triggered on {@code triggerDate} on {@code publishedOn}; answers confirmBy. */
    private String publishOn(LocalDate publishedOn, LocalDate triggerDate) {
        businessClock.set(publishedOn);
        JsonNode list = json(publish(TOKENS.token("OFFICER"), triggerDate.toString(), triggerDate.toString()), HttpStatus.CREATED);
        assertThat(list.get("count").asInt()).isEqualTo(1);
        assertThat(list.get("publishedOn").asString()).isEqualTo(publishedOn.toString());
        return list.get("confirmBy").asString();
    }

    private static Firm firm(int n) {
        return LoanStories.firm(LoanStories.uscc(n), "3911", true);
    }

    private static LocalDate disbursed() {
        return LocalDate.of(2025, 6, 2);
    }

    private static LocalDate paid() {
        return LocalDate.of(2025, 6, 10);
    }

    private static LocalDate nov(int day) {
        return LocalDate.of(2025, 11, day);
    }

    private String claimId(String approvalNo) {
        return jdbc.queryForObject("SELECT claim_id FROM claim WHERE bank_code = ? AND approval_no = ?", String.class, BANK, approvalNo);
    }

    private String status(String approvalNo) {
        return jdbc.queryForObject("SELECT status FROM claim WHERE bank_code = ? AND approval_no = ?", String.class, BANK, approvalNo);
    }

    private static String payee(String name, String account, String bank) {
        return JSON.writeValueAsString(Map.of("payeeName", name, "payeeAccount", account, "payeeBank", bank));
    }

    private ResponseEntity<String> publish(String token, String from, String to) {
        return post(token, "{\"program\":\"LYD_PREMIUM\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");
    }

    private ResponseEntity<String> post(String token, String body) {
        return api(token).post().uri("/api/v1/publications").contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(String.class);
    }

    private ResponseEntity<String> confirm(String token, String uscc, String claimId, String body) {
        return api(token).post().uri("/api/v1/firms/{uscc}/claims/{claimId}/confirmation", uscc, claimId)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> get(String token, String path) {
        return api(token).get().uri(path).retrieve().toEntity(String.class);
    }

    private ResponseEntity<byte[]> download(String token, String path) {
        return api(token).get().uri(path).retrieve().toEntity(byte[].class);
    }

    private static XSSFWorkbook xlsx(ResponseEntity<byte[]> answer) throws Exception {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getContentType())
                .hasToString("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new XSSFWorkbook(new ByteArrayInputStream(answer.getBody()));
    }

    /** The sheet's row whose firm-name column (企业名称) is {@code firmName}. */
    private static Row rowOf(XSSFWorkbook book, String firmName) {
        for (Row row : book.getSheetAt(0)) {
            Cell name = row.getCell(1);
            if (name != null && name.getCellType() == CellType.STRING && name.getStringCellValue().equals(firmName)) {
                return row;
            }
        }
        throw new AssertionError("no row of " + firmName);
    }

    /** Every cell's text as shown. */
    private static List<String> texts(XSSFWorkbook book) {
        DataFormatter shown = new DataFormatter();
        List<String> texts = new ArrayList<>();
        for (Row row : book.getSheetAt(0)) {
            for (Cell cell : row) {
                texts.add(shown.formatCellValue(cell));
            }
        }
        return texts;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static JsonNode json(ResponseEntity<String> answer, HttpStatus status) {
        assertThat(answer.getStatusCode()).as(answer.toString()).isEqualTo(status);
        return JSON.readTree(answer.getBody());
    }
}
