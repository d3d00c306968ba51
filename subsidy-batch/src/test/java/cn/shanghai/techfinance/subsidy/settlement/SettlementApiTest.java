package cn.shanghai.techfinance.subsidy.settlement;

import static cn.shanghai.techfinance.security.ProblemAssertions.assertProblem;
import static cn.shanghai.techfinance.security.ProblemAssertions.problemDetail;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.EndToEndTest;
import cn.shanghai.techfinance.subsidy.LoanStoriesAccess;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Settlements over real HTTP with real tokens: preparation (instructions per firm and payee
 * account, totals, the budget), maker–checker approval paying each claim once, a claim cancelled
 * while settled left out, and the bank's results returning failed payments to a later settlement.
 * Each test has its own bank and its own 2019 trigger period (see {@link ConfirmedClaims}).
 */
class SettlementApiTest extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 10);
    private static final String APPROVER = TOKENS.token("APPROVER");

    @Autowired
    ClaimStore claimStore;

    @Autowired
    BusinessClock businessClock;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anOfficerPreparesOneInstructionPerFirmAndPayeeAccount() {
        businessClock.set(TODAY);
        ConfirmedClaims claims = new ConfirmedClaims(claimStore, transactions, "STL-PREP");
        String firmA = LoanStoriesAccess.uscc(9_100_001);
        String firmB = LoanStoriesAccess.uscc(9_100_002);
        LocalDate day = LocalDate.of(2019, 1, 15);
        ClaimRecord a1 = claims.confirmed("P1", firmA, day, "100.00", "6222000000000001");
        ClaimRecord a2 = claims.confirmed("P2", firmA, day, "200.50", "6222000000000001");
        ClaimRecord a3 = claims.confirmed("P3", firmA, day, "50.00", "6222000000000002");
        ClaimRecord b1 = claims.confirmed("P4", firmB, day.plusDays(10), "300.00", "6222000000000003");
        claims.confirmed("P5", firmB, LocalDate.of(2018, 12, 31), "1.00", "6222000000000003"); // outside the period
        BigDecimal reservedBefore = budget("LYD_PREMIUM", 2026).get("reserved").decimalValue();

        ResponseEntity<String> answer = prepare(TOKENS.token("OFFICER"), "LYD_PREMIUM", "2019-01-01", "2019-01-31");
        JsonNode settlement = json(answer, HttpStatus.CREATED);
        long id = settlement.get("id").asLong();
        assertThat(answer.getHeaders().getLocation()).hasToString("/api/v1/settlements/" + id);
        assertThat(settlement.get("state").asString()).isEqualTo("PREPARED");
        assertThat(settlement.get("program").asString()).isEqualTo("LYD_PREMIUM");
        assertThat(settlement.get("from").asString()).isEqualTo("2019-01-01");
        assertThat(settlement.get("preparedBy").asString()).isEqualTo("officer");
        assertThat(settlement.get("preparedOn").asString()).isEqualTo(TODAY.toString());
        assertThat(settlement.get("budgetYear").asInt()).isEqualTo(2026);
        assertThat(settlement.get("count").asInt()).isEqualTo(4);
        assertThat(settlement.get("total").decimalValue()).isEqualByComparingTo("650.50");
        assertThat(settlement.get("controlTotal").decimalValue()).isEqualByComparingTo("650.50");
        assertThat(settlement.get("approvedBy").isNull()).isTrue();
        assertThat(settlement.get("leftOut").get("count").asInt()).isZero();

        // (USCC, account) order: firm A's two accounts, then firm B; a firm's claims to one account joined in claim-id order
        JsonNode instructions = settlement.get("instructions");
        assertThat(instructions).hasSize(3);
        assertInstruction(instructions.get(0), "S" + id + "-00001", firmA, "6222000000000001", "300.50",
                sorted(a1.claimId(), a2.claimId()));
        assertInstruction(instructions.get(1), "S" + id + "-00002", firmA, "6222000000000002", "50.00", List.of(a3.claimId()));
        assertInstruction(instructions.get(2), "S" + id + "-00003", firmB, "6222000000000003", "300.00", List.of(b1.claimId()));
        assertThat(instructions.get(0).get("payeeName").asString()).isEqualTo("企业" + firmA.substring(12));
        assertThat(instructions.get(0).get("payeeBank").asString()).isEqualTo("上海浦东发展银行");

        // the claims are reserved on this year's budget, stay CONFIRMED until approved, and are in no second settlement
        assertThat(budget("LYD_PREMIUM", 2026).get("reserved").decimalValue().subtract(reservedBefore))
                .isEqualByComparingTo("650.50");
        assertThat(claims.status(a1.claimId())).isEqualTo(ClaimStatus.CONFIRMED);
        assertThat(claimStore.find(a1.claimId()).orElseThrow().settlementId()).isEqualTo(id);
        assertThat(problemDetail(prepare(TOKENS.token("OFFICER"), "LYD_PREMIUM", "2019-01-01", "2019-01-31"), HttpStatus.CONFLICT))
                .startsWith("nothing to settle").contains("LYD_PREMIUM", "2019-01-01");

        assertThat(problemDetail(get(APPROVER, "/api/v1/settlements/" + id + "/payments.csv"), HttpStatus.CONFLICT))
                .contains("PREPARED", "once it is approved");
        assertProblem(get(APPROVER, "/api/v1/settlements/" + id + "/pain.001.xml"), HttpStatus.CONFLICT);
        for (String reader : List.of(TOKENS.token("OFFICER"), APPROVER, TOKENS.token("AUDITOR"))) {
            assertThat(json(get(reader, "/api/v1/settlements/" + id), HttpStatus.OK)).isEqualTo(settlement);
            assertThat(json(get(reader, "/api/v1/settlements"), HttpStatus.OK).valueStream()
                    .filter(s -> s.get("id").asLong() == id).toList()).singleElement().isEqualTo(settlement);
        }
        assertProblem(get(TOKENS.token("OFFICER"), "/api/v1/settlements/999999999"), HttpStatus.NOT_FOUND);
        assertThat(problemDetail(prepare(TOKENS.token("OFFICER"), "TECH", "2019-01-01", "2019-01-31"), HttpStatus.BAD_REQUEST))
                .isEqualTo("'program' must be LYD_PREMIUM, HKZD_INTEREST or TECH_INSURANCE_PREMIUM");
        assertThat(problemDetail(prepare(TOKENS.token("OFFICER"), "LYD_PREMIUM", "2019-02-01", "2019-01-31"), HttpStatus.BAD_REQUEST))
                .isEqualTo("'from' (2019-02-01) is after 'to' (2019-01-31)");
        assertProblem(prepare(APPROVER, "LYD_PREMIUM", "2019-02-01", "2019-02-28"), HttpStatus.FORBIDDEN);
    }

    @Test
    void aSecondApprovalChangesNothingAndEachClaimIsPaidOnce() {
        businessClock.set(TODAY);
        ConfirmedClaims claims = new ConfirmedClaims(claimStore, transactions, "STL-TWICE");
        LocalDate day = LocalDate.of(2019, 2, 15);
        List<String> ids = List.of(claims.confirmed("P1", LoanStoriesAccess.uscc(9_100_011), day, "10.00", "6222000000000011").claimId(),
                claims.confirmed("P2", LoanStoriesAccess.uscc(9_100_012), day, "20.00", "6222000000000012").claimId());
        long id = json(prepare(TOKENS.token("OFFICER"), "LYD_PREMIUM", "2019-02-01", "2019-02-28"), HttpStatus.CREATED).get("id").asLong();

        businessClock.set(TODAY.plusDays(1));
        assertProblem(approve(TOKENS.token("OFFICER"), id), HttpStatus.FORBIDDEN); // an officer is no approver
        JsonNode approved = json(approve(APPROVER, id), HttpStatus.OK);
        assertThat(approved.get("state").asString()).isEqualTo("APPROVED");
        assertThat(approved.get("approvedBy").asString()).isEqualTo("approver");
        assertThat(approved.get("approvedOn").asString()).isEqualTo(TODAY.plusDays(1).toString());
        assertThat(approved.get("count").asInt()).isEqualTo(2);
        assertThat(approved.get("total").decimalValue()).isEqualByComparingTo("30.00");

        businessClock.set(TODAY.plusDays(2));
        assertThat(json(approve(TOKENS.mint(List.of("APPROVER"), null, null, "zhao", Duration.ofMinutes(5)), id), HttpStatus.OK))
                .isEqualTo(approved);
        assertThat(json(approve(APPROVER, id), HttpStatus.OK)).isEqualTo(approved);
        for (String claimId : ids) {
            assertThat(claims.status(claimId)).isEqualTo(ClaimStatus.PAID);
            assertThat(jdbc.queryForList("SELECT actor, business_date, reference FROM claim_transition WHERE claim_id = ?"
                    + " AND to_status = 'PAID'", claimId)).singleElement().satisfies(t -> {
                        assertThat(t.get("actor")).isEqualTo("approver");
                        assertThat(t.get("business_date")).hasToString(TODAY.plusDays(1).toString());
                        assertThat(t.get("reference")).isEqualTo("settlement " + id);
                    });
        }
    }

    @Test
    void whoPreparedASettlementMayNotApproveItEvenHoldingBothRoles() {
        businessClock.set(TODAY);
        ConfirmedClaims claims = new ConfirmedClaims(claimStore, transactions, "STL-4EYES");
        String claimId = claims.confirmed("P1", LoanStoriesAccess.uscc(9_100_021), LocalDate.of(2019, 3, 5), "10.00",
                "6222000000000021").claimId();
        String wang = TOKENS.mint(List.of("OFFICER", "APPROVER"), null, null, "wang", Duration.ofMinutes(10));
        JsonNode prepared = json(prepare(wang, "LYD_PREMIUM", "2019-03-01", "2019-03-31"), HttpStatus.CREATED);
        long id = prepared.get("id").asLong();
        assertThat(prepared.get("preparedBy").asString()).isEqualTo("wang");

        assertThat(problemDetail(approve(wang, id), HttpStatus.FORBIDDEN)).contains("wang prepared settlement " + id);
        assertThat(json(get(wang, "/api/v1/settlements/" + id), HttpStatus.OK).get("state").asString()).isEqualTo("PREPARED");
        assertThat(claims.status(claimId)).isEqualTo(ClaimStatus.CONFIRMED);

        JsonNode approved = json(approve(TOKENS.mint(List.of("OFFICER", "APPROVER"), null, null, "li", Duration.ofMinutes(10)), id),
                HttpStatus.OK);
        assertThat(approved.get("approvedBy").asString()).isEqualTo("li");
        assertThat(claims.status(claimId)).isEqualTo(ClaimStatus.PAID);
        assertThat(problemDetail(approve(wang, id), HttpStatus.FORBIDDEN)).contains("another person must approve it");
    }

    @Test
    void anApprovalThatDiesMidwayPaysNothingAndTheNextPaysEachClaimOnce() {
        businessClock.set(TODAY);
        ConfirmedClaims claims = new ConfirmedClaims(claimStore, transactions, "STL-CRASH");
        LocalDate day = LocalDate.of(2019, 8, 15);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(claims.confirmed("P" + i, LoanStoriesAccess.uscc(9_100_030 + i), day, "10.00", "622200000000003" + i).claimId());
        }
        long id = json(prepare(TOKENS.token("OFFICER"), "LYD_PREMIUM", "2019-08-01", "2019-08-31"), HttpStatus.CREATED).get("id").asLong();
        // the database refuses the audit row of the second claim paid: the approval dies after storing some of its changes
        String second = ids.stream().sorted().toList().get(1);
        jdbc.execute("CREATE TRIGGER settlement_test_crash BEFORE INSERT ON claim_transition FOR EACH ROW"
                + " BEGIN IF NEW.reference = 'settlement " + id + "' AND NEW.claim_id = '" + second + "' THEN"
                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'simulated crash in the middle of an approval'; END IF; END");
        try {
            assertProblem(approve(APPROVER, id), HttpStatus.INTERNAL_SERVER_ERROR);
        } finally {
            jdbc.execute("DROP TRIGGER settlement_test_crash");
        }
        assertThat(json(get(APPROVER, "/api/v1/settlements/" + id), HttpStatus.OK).get("state").asString()).isEqualTo("PREPARED");
        assertThat(ids).allSatisfy(c -> assertThat(claims.status(c)).isEqualTo(ClaimStatus.CONFIRMED));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim_transition WHERE reference = ?", Integer.class, "settlement " + id))
                .isZero();

        assertThat(json(approve(APPROVER, id), HttpStatus.OK).get("count").asInt()).isEqualTo(3);
        assertThat(json(approve(APPROVER, id), HttpStatus.OK).get("state").asString()).isEqualTo("APPROVED");
        for (String claimId : ids) {
            assertThat(claims.status(claimId)).isEqualTo(ClaimStatus.PAID);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim_transition WHERE claim_id = ? AND to_status = 'PAID'",
                    Integer.class, claimId)).isEqualTo(1);
        }
    }

    @Test
    void aSettlementOverTheBudgetLeftIsRefusedWholeAndReservesNothing() {
        String budget = "/api/v1/budgets/LYD_PREMIUM/2031";
        jdbc.update("INSERT INTO budget (program, budget_year, amount) VALUES ('LYD_PREMIUM', 2031, 5.00)");
        try {
            businessClock.set(LocalDate.of(2031, 3, 2));
            ConfirmedClaims claims = new ConfirmedClaims(claimStore, transactions, "STL-BUDGET");
            String c1 = claims.confirmed("P1", LoanStoriesAccess.uscc(9_100_041), LocalDate.of(2019, 4, 10), "3.00",
                    "6222000000000041").claimId();
            claims.confirmed("P2", LoanStoriesAccess.uscc(9_100_042), LocalDate.of(2019, 4, 20), "3.00", "6222000000000042");

            assertThat(problemDetail(prepare(TOKENS.token("OFFICER"), "LYD_PREMIUM", "2019-04-01", "2019-04-30"), HttpStatus.CONFLICT))
                    .contains("total 6.00 (2 claims)", "LYD_PREMIUM budget of 2031", "5.00 left of 5.00");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM settlement_claim WHERE claim_id = ?", Integer.class, c1)).isZero();
            JsonNode untouched = json(get(TOKENS.token("AUDITOR"), budget), HttpStatus.OK);
            assertThat(untouched.get("program").asString()).isEqualTo("LYD_PREMIUM");
            assertThat(untouched.get("year").asInt()).isEqualTo(2031);
            assertThat(untouched.get("budget").decimalValue()).isEqualByComparingTo("5.00");
            assertThat(untouched.get("reserved").decimalValue()).isEqualByComparingTo("0.00");
            assertThat(untouched.get("left").decimalValue()).isEqualByComparingTo("5.00");

            // one of them fits; then what is left is less than the other
            JsonNode first = json(prepare(TOKENS.token("OFFICER"), "LYD_PREMIUM", "2019-04-10", "2019-04-10"), HttpStatus.CREATED);
            assertThat(first.get("budgetYear").asInt()).isEqualTo(2031);
            assertThat(first.get("total").decimalValue()).isEqualByComparingTo("3.00");
            assertThat(problemDetail(prepare(TOKENS.token("OFFICER"), "LYD_PREMIUM", "2019-04-01", "2019-04-30"), HttpStatus.CONFLICT))
                    .contains("total 3.00 (1 claims)", "2.00 left of 5.00");
            JsonNode spent = json(get(APPROVER, budget), HttpStatus.OK);
            assertThat(spent.get("reserved").decimalValue()).isEqualByComparingTo("3.00");
            assertThat(spent.get("left").decimalValue()).isEqualByComparingTo("2.00");
        } finally {
            businessClock.set(TODAY);
            jdbc.update("DELETE FROM budget WHERE budget_year = 2031");
        }
        assertProblem(get(TOKENS.token("OFFICER"), budget), HttpStatus.NOT_FOUND);
        assertProblem(get(TOKENS.token("OFFICER"), "/api/v1/budgets/TECH/2026"), HttpStatus.NOT_FOUND);
        assertProblem(get(TOKENS.firmToken(LoanStoriesAccess.uscc(9_100_041)), "/api/v1/budgets/LYD_PREMIUM/2026"), HttpStatus.FORBIDDEN);
    }

    @Test
    void aClaimCancelledWhileInASettlementIsLeftOutAtApprovalAndTheTotalsSaySo() {
        businessClock.set(TODAY);
        ConfirmedClaims claims = new ConfirmedClaims(claimStore, transactions, "STL-LEFT");
        String firmA = LoanStoriesAccess.uscc(9_100_051);
        String firmB = LoanStoriesAccess.uscc(9_100_052);
        LocalDate day = LocalDate.of(2019, 6, 3);
        String a1 = claims.confirmed("P1", firmA, day, "100.00", "6222000000000051").claimId();
        String a2 = claims.confirmed("P2", firmA, day, "40.00", "6222000000000051").claimId();
        String b1 = claims.confirmed("P3", firmB, day, "70.00", "6222000000000052").claimId();
        JsonNode prepared = json(prepare(TOKENS.token("OFFICER"), "LYD_PREMIUM", "2019-06-01", "2019-06-30"), HttpStatus.CREATED);
        long id = prepared.get("id").asLong();
        assertThat(prepared.get("instructions")).hasSize(2);
        BigDecimal reserved = budget("LYD_PREMIUM", 2026).get("reserved").decimalValue();

        claims.cancel(a2);
        claims.cancel(b1);
        JsonNode approved = json(approve(APPROVER, id), HttpStatus.OK);
        assertThat(approved.get("count").asInt()).isEqualTo(1);
        assertThat(approved.get("total").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(approved.get("controlTotal").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(approved.get("leftOut").get("count").asInt()).isEqualTo(2);
        assertThat(approved.get("leftOut").get("total").decimalValue()).isEqualByComparingTo("110.00");
        assertThat(approved.get("leftOut").get("claimIds").valueStream().map(JsonNode::asString).toList())
                .containsExactlyElementsOf(sorted(a2, b1));
        // firm B's instruction had nothing left and is gone; firm A's pays its one claim still confirmed
        assertThat(approved.get("instructions")).singleElement()
                .satisfies(i -> assertInstruction(i, "S" + id + "-00001", firmA, "6222000000000051", "100.00", List.of(a1)));
        assertThat(claims.status(a1)).isEqualTo(ClaimStatus.PAID);
        assertThat(claims.status(a2)).isEqualTo(ClaimStatus.CANCELLED);
        assertThat(claims.status(b1)).isEqualTo(ClaimStatus.CANCELLED);
        // what was left out is no longer reserved, nor held open
        assertThat(reserved.subtract(budget("LYD_PREMIUM", 2026).get("reserved").decimalValue())).isEqualByComparingTo("110.00");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM settlement_claim WHERE settlement_id = ? AND open_claim_id IS NOT NULL",
                Integer.class, id)).isEqualTo(1);
        assertThat(json(get(TOKENS.token("AUDITOR"), "/api/v1/settlements/" + id), HttpStatus.OK)).isEqualTo(approved);
    }

    @Test
    void aFailedPaymentReturnsItsClaimsToConfirmedAndTheNextSettlementPaysThem() {
        businessClock.set(TODAY);
        ConfirmedClaims claims = new ConfirmedClaims(claimStore, transactions, "STL-RECON");
        LocalDate day = LocalDate.of(2019, 7, 8);
        String paid = claims.confirmed("P1", LoanStoriesAccess.uscc(9_100_061), day, "10.00", "6222000000000061").claimId();
        String failed = claims.confirmed("P2", LoanStoriesAccess.uscc(9_100_062), day, "20.00", "6222000000000062").claimId();
        String missing = claims.confirmed("P3", LoanStoriesAccess.uscc(9_100_063), day, "30.00", "6222000000000063").claimId();
        String officer = TOKENS.token("OFFICER");
        long first = json(prepare(officer, "LYD_PREMIUM", "2019-07-01", "2019-07-31"), HttpStatus.CREATED).get("id").asLong();
        String header = "instruction_id,status,bank_reference,paid_on\r\n";
        assertThat(problemDetail(reconcile(officer, first, header), HttpStatus.CONFLICT)).contains("PREPARED");
        JsonNode approved = json(approve(APPROVER, first), HttpStatus.OK);
        BigDecimal reserved = budget("LYD_PREMIUM", 2026).get("reserved").decimalValue();

        // the payment file: one line per instruction, then its count and control total, which pain.001 repeats
        ResponseEntity<String> file = get(APPROVER, "/api/v1/settlements/" + first + "/payments.csv");
        assertThat(file.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(file.getHeaders().getContentType().toString()).startsWith("text/csv");
        List<String> lines = file.getBody().lines().toList();
        assertThat(lines.get(0)).isEqualTo("instruction_id,payee_uscc,payee_name,payee_account,payee_bank,amount,claim_ids");
        assertThat(lines.subList(1, 4)).containsExactly(
                csvLine(approved.get("instructions").get(0), paid),
                csvLine(approved.get("instructions").get(1), failed),
                csvLine(approved.get("instructions").get(2), missing));
        assertThat(lines).hasSize(5).last().isEqualTo("TOTAL,3,60.00");
        assertThat(approved.get("controlTotal").decimalValue()).isEqualByComparingTo("60.00");
        ResponseEntity<byte[]> pain = api(TOKENS.token("AUDITOR")).get().uri("/api/v1/settlements/" + first + "/pain.001.xml")
                .retrieve().toEntity(byte[].class);
        assertThat(pain.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pain.getHeaders().getContentType().toString()).isEqualTo("application/xml;charset=UTF-8");
        Document xml = xml(pain.getBody());
        assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo("urn:iso:std:iso:20022:tech:xsd:pain.001.001.09");
        assertThat(text(xml, "GrpHdr", "NbOfTxs")).isEqualTo("3");
        assertThat(new BigDecimal(text(xml, "GrpHdr", "CtrlSum"))).isEqualByComparingTo("60.00");
        assertThat(text(xml, "PmtInf", "NbOfTxs")).isEqualTo("3");
        assertThat(new BigDecimal(text(xml, "PmtInf", "CtrlSum"))).isEqualByComparingTo("60.00");
        assertThat(xml.getElementsByTagNameNS("*", "CdtTrfTxInf").getLength()).isEqualTo(3);
        assertThat(text(xml, "Dbtr", "Nm")).isEqualTo("上海市科学技术委员会");

        // malformed files are refused naming the line and the field, and change nothing
        assertThat(problemDetail(reconcile(officer, first, "instruction_id,status,reference,paid_on\n"), HttpStatus.BAD_REQUEST))
                .startsWith("line 1: the header must be instruction_id,status,bank_reference,paid_on");
        assertThat(problemDetail(reconcile(officer, first, header + "S" + first + "-00001,DONE,R1,2026-06-12\r\n"),
                HttpStatus.BAD_REQUEST)).isEqualTo("line 2, field 'status': must be PAID or FAILED, not 'DONE'");
        assertThat(problemDetail(reconcile(officer, first, header + "S" + first + "-00001,PAID,R1,2026-06-12\r\n"
                + "S" + first + "-00002,PAID,R2,12/06/2026\r\n"), HttpStatus.BAD_REQUEST))
                .isEqualTo("line 3, field 'paid_on': must be a date (YYYY-MM-DD), not '12/06/2026'");
        assertThat(problemDetail(reconcile(officer, first, header + "S" + first + "-00001,PAID,R1,2026-06-12\r\n"
                + "S" + first + "-00001,FAILED,,\r\n"), HttpStatus.BAD_REQUEST))
                .isEqualTo("line 3, field 'instruction_id': S" + first + "-00001 is already on line 2");
        assertProblem(reconcile(APPROVER, first, header), HttpStatus.FORBIDDEN);
        assertThat(json(get(officer, "/api/v1/settlements/" + first), HttpStatus.OK).get("state").asString()).isEqualTo("APPROVED");

        // the bank paid the first, the second failed, the third is not in its file; a line names an instruction of no settlement
        businessClock.set(TODAY.plusDays(5));
        JsonNode results = json(reconcile(officer, first, header
                + "S" + first + "-00001,PAID,\"BOC,2026\"\"061\"\"\",2026-06-12\r\n"
                + "S" + first + "-00002,FAILED,,\r\n"
                + "S999999-00001,PAID,X,2026-06-12\r\n"), HttpStatus.OK);
        assertThat(results.get("paid").valueStream().map(JsonNode::asString).toList()).containsExactly("S" + first + "-00001");
        assertThat(results.get("failed").valueStream().map(JsonNode::asString).toList()).containsExactly("S" + first + "-00002");
        assertThat(results.get("unmatched").valueStream().map(JsonNode::asString).toList()).containsExactly("S" + first + "-00003");
        assertThat(results.get("unknown").valueStream().map(JsonNode::asString).toList()).containsExactly("S999999-00001");
        JsonNode reconciled = results.get("settlement");
        assertThat(reconciled.get("state").asString()).isEqualTo("RECONCILED");
        assertThat(reconciled.get("reconciledOn").asString()).isEqualTo(TODAY.plusDays(5).toString());
        JsonNode paidInstruction = reconciled.get("instructions").get(0);
        assertThat(paidInstruction.get("status").asString()).isEqualTo("PAID");
        assertThat(paidInstruction.get("bankReference").asString()).isEqualTo("BOC,2026\"061\"");
        assertThat(paidInstruction.get("paidOn").asString()).isEqualTo("2026-06-12");
        assertThat(reconciled.get("instructions").get(1).get("status").asString()).isEqualTo("FAILED");
        assertThat(reconciled.get("instructions").get(2).get("status").asString()).isEqualTo("FAILED");
        assertThat(claims.status(paid)).isEqualTo(ClaimStatus.PAID);
        assertThat(claims.status(failed)).isEqualTo(ClaimStatus.CONFIRMED);
        assertThat(claims.status(missing)).isEqualTo(ClaimStatus.CONFIRMED);
        assertThat(reserved.subtract(budget("LYD_PREMIUM", 2026).get("reserved").decimalValue())).isEqualByComparingTo("50.00");
        assertThat(problemDetail(reconcile(officer, first, header), HttpStatus.CONFLICT)).contains("RECONCILED");

        // the next settlement of the period takes the two returned claims, and its approval pays them
        JsonNode second = json(prepare(officer, "LYD_PREMIUM", "2019-07-01", "2019-07-31"), HttpStatus.CREATED);
        long next = second.get("id").asLong();
        assertThat(second.get("count").asInt()).isEqualTo(2);
        assertThat(second.get("total").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(second.get("instructions").valueStream().flatMap(i -> i.get("claimIds").valueStream()).map(JsonNode::asString)
                .toList()).containsExactlyInAnyOrder(failed, missing);
        json(approve(APPROVER, next), HttpStatus.OK);
        assertThat(claims.status(failed)).isEqualTo(ClaimStatus.PAID);
        assertThat(claimStore.find(failed).orElseThrow().settlementId()).isEqualTo(next);
        assertThat(jdbc.queryForList("SELECT from_status, to_status, reference FROM claim_transition WHERE claim_id = ? AND"
                + " reference LIKE 'settlement %' ORDER BY id", failed)).extracting(t -> t.get("from_status") + "→" + t.get("to_status")
                + " " + t.get("reference"))
                .containsExactly("CONFIRMED→PAID settlement " + first, "PAID→CONFIRMED settlement " + first,
                        "CONFIRMED→PAID settlement " + next);
    }

    /** A payment file line as the view's instruction says it should read (no field here needs quoting). */
    private static String csvLine(JsonNode instruction, String claimId) {
        assertThat(instruction.get("claimIds").valueStream().map(JsonNode::asString).toList()).containsExactly(claimId);
        return String.join(",", instruction.get("id").asString(), instruction.get("payeeUscc").asString(),
                instruction.get("payeeName").asString(), instruction.get("payeeAccount").asString(),
                instruction.get("payeeBank").asString(), instruction.get("amount").decimalValue().setScale(2).toPlainString(), claimId);
    }

    private static Document xml(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new AssertionError("not XML: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }

    /** The text of the first {@code child} element inside the first {@code parent} element. */
    private static String text(Document xml, String parent, String child) {
        Element outer = (Element) xml.getElementsByTagNameNS("*", parent).item(0);
        return outer.getElementsByTagNameNS("*", child).item(0).getTextContent();
    }

    private static List<String> sorted(String... ids) {
        return Arrays.stream(ids).sorted().toList();
    }

    private static void assertInstruction(JsonNode instruction, String id, String uscc, String account, String amount,
                                          List<String> claimIds) {
        assertThat(instruction.get("id").asString()).isEqualTo(id);
        assertThat(instruction.get("payeeUscc").asString()).isEqualTo(uscc);
        assertThat(instruction.get("payeeAccount").asString()).isEqualTo(account);
        assertThat(instruction.get("amount").decimalValue()).isEqualByComparingTo(amount);
        assertThat(instruction.get("claimCount").asInt()).isEqualTo(claimIds.size());
        assertThat(instruction.get("claimIds").valueStream().map(JsonNode::asString).toList()).isEqualTo(claimIds);
    }

    JsonNode budget(String program, int year) {
        return json(get(TOKENS.token("OFFICER"), "/api/v1/budgets/" + program + "/" + year), HttpStatus.OK);
    }

    ResponseEntity<String> prepare(String token, String program, String from, String to) {
        return api(token).post().uri("/api/v1/settlements").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("program", program, "from", from, "to", to)).retrieve().toEntity(String.class);
    }

    ResponseEntity<String> approve(String token, long id) {
        return api(token).post().uri("/api/v1/settlements/" + id + "/approval").retrieve().toEntity(String.class);
    }

    ResponseEntity<String> reconcile(String token, long id, String csv) {
        return api(token).post().uri("/api/v1/settlements/" + id + "/reconciliation").contentType(MediaType.parseMediaType("text/csv"))
                .body(csv).retrieve().toEntity(String.class);
    }

    ResponseEntity<String> get(String token, String path) {
        return api(token).get().uri(path).retrieve().toEntity(String.class);
    }

    static JsonNode json(ResponseEntity<String> answer, HttpStatus status) {
        assertThat(answer.getStatusCode()).as(answer.toString()).isEqualTo(status);
        return JSON.readTree(answer.getBody());
    }
}
