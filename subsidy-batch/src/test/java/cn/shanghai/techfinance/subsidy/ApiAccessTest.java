package cn.shanghai.techfinance.subsidy;

import static cn.shanghai.techfinance.security.ProblemAssertions.assertProblem;
import static cn.shanghai.techfinance.security.ProblemAssertions.problemDetail;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.infra.LocalTokens;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.rules.Program;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what with subsidy-batch, over real HTTP with real tokens: every endpoint, each role's
 * allowances and its denials, and how a denial reads (RFC 9457, nothing internal). Two claims
 * triggered far in the future (no other test's night or export reaches 2099) stand for the data.
 */
class ApiAccessTest extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BANK = "ACL-SH";
    private static final String OTHER_BANK = "ACL-BJ";
    private static final String FIRM = LoanStoriesAccess.uscc(9_990_001);
    private static final String OTHER_FIRM = LoanStoriesAccess.uscc(9_990_002);
    private static final String START_NIGHT = "/api/v1/runs/nightly?date=2099-12-30";

    private static final String CLAIM = "/api/v1/claims/" + ClaimRecord.claimId(Program.LYD, BANK, "A1", null, null);
    private static final String WHOLE_TRAIL = "/api/v1/audit/transitions?from=2099-12-01&to=2099-12-31";

    private static final List<String> OFFICERS_READS = List.of("/api/v1/runs/nightly?date=2099-12-31", "/api/v1/runs/999999999",
            "/api/v1/claims/export?through=2000-01-01");

    @BeforeEach
    void twoBanksTwoFirmsOneClaimEach() {
        jdbc.update("DELETE FROM claim WHERE bank_code IN (?, ?)", BANK, OTHER_BANK);
        claim(BANK, FIRM, "A1");
        claim(OTHER_BANK, OTHER_FIRM, "B1");
    }

    private void claim(String bank, String uscc, String approvalNo) {
        jdbc.update("""
                INSERT INTO claim (claim_id, program, bank_code, uscc, application_no, approval_no, trigger_date, base_amount,
                    ratio, amount, status, reasons, rule_version, version, computed_for, created_at, updated_at)
                VALUES (?, 'LYD', ?, ?, ?, ?, '2099-12-31', 45000.00, 0.5000, 22500.00, 'COMPUTED', '', '2025.1', 1,
                    '2099-12-31', NOW(3), NOW(3))""", ClaimRecord.claimId(Program.LYD, bank, approvalNo, null, null), bank, uscc,
                "APP-" + approvalNo, approvalNo);
    }

    @Test
    void aBankSeesTheClaimsOnItsOwnLoansAndNoOtherBanks() {
        String bank = TOKENS.bankToken(BANK);
        JsonNode own = json(get(bank, "/api/v1/banks/" + BANK + "/claims"), HttpStatus.OK);
        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("claimId").asString()).isEqualTo(ClaimRecord.claimId(Program.LYD, BANK, "A1", null, null));
        assertThat(own.get(0).get("uscc").asString()).isEqualTo(FIRM);

        assertProblem(get(bank, "/api/v1/banks/" + OTHER_BANK + "/claims"), HttpStatus.FORBIDDEN);
        assertThat(json(get(TOKENS.bankToken(OTHER_BANK), "/api/v1/banks/" + OTHER_BANK + "/claims"), HttpStatus.OK)).hasSize(1);
        for (String path : List.of("/api/v1/firms/" + FIRM + "/claims", OFFICERS_READS.get(0), OFFICERS_READS.get(1), OFFICERS_READS.get(2))) {
            assertProblem(get(bank, path), HttpStatus.FORBIDDEN);
        }
        assertProblem(post(bank, START_NIGHT), HttpStatus.FORBIDDEN);
        assertProblem(get(TOKENS.token("BANK"), "/api/v1/banks/" + BANK + "/claims"), HttpStatus.FORBIDDEN);
    }

    @Test
    void aFirmSeesItsOwnClaimsAndNoOtherFirms() {
        String firm = TOKENS.firmToken(FIRM);
        JsonNode own = json(get(firm, "/api/v1/firms/" + FIRM + "/claims"), HttpStatus.OK);
        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("bankCode").asString()).isEqualTo(BANK);

        assertProblem(get(firm, "/api/v1/firms/" + OTHER_FIRM + "/claims"), HttpStatus.FORBIDDEN);
        for (String path : List.of("/api/v1/banks/" + BANK + "/claims", OFFICERS_READS.get(0), OFFICERS_READS.get(1), OFFICERS_READS.get(2))) {
            assertProblem(get(firm, path), HttpStatus.FORBIDDEN);
        }
        assertProblem(post(firm, START_NIGHT), HttpStatus.FORBIDDEN);
    }

    @Test
    void officersReadEverythingAndAuditorsTooButOnlyOfficersStartANight() {
        for (String token : List.of(TOKENS.token("OFFICER"), TOKENS.token("AUDITOR"))) {
            assertThat(json(get(token, "/api/v1/banks/" + BANK + "/claims"), HttpStatus.OK)).hasSize(1);
            assertThat(json(get(token, "/api/v1/firms/" + OTHER_FIRM + "/claims"), HttpStatus.OK)).hasSize(1);
            assertThat(get(token, OFFICERS_READS.get(0)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(get(token, OFFICERS_READS.get(1)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(get(token, OFFICERS_READS.get(2)).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        assertProblem(post(TOKENS.token("AUDITOR"), START_NIGHT), HttpStatus.FORBIDDEN);
        assertProblem(post(TOKENS.token("APPROVER"), START_NIGHT), HttpStatus.FORBIDDEN);
        // an officer gets past the door (a night of its own would compute the shared ledger's claims
        // ahead of the other classes: the nightly tests start theirs): a bad date is a 400, not a 403
        assertThat(problemDetail(post(TOKENS.token("OFFICER"), "/api/v1/runs/nightly?date=tomorrow"), HttpStatus.BAD_REQUEST))
                .isEqualTo("the parameter 'date' must be a date (YYYY-MM-DD), not 'tomorrow'");
    }

    @Test
    void onlyOfficersPublishOfficersAndAuditorsReadListsAndEveryRoleReadsTheNotice() {
        String noList = "/api/v1/publications/999999999";
        String refused = "{\"program\":\"NOT_A_PROGRAMME\",\"from\":\"2099-12-31\",\"to\":\"2099-12-31\"}";
        // an officer gets past the door (publishing would take the shared 2099 claims: a bad programme is a 400, not a 403)
        assertThat(postJson(TOKENS.token("OFFICER"), "/api/v1/publications", refused).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        for (String token : List.of(TOKENS.token("OFFICER"), TOKENS.token("AUDITOR"))) {
            assertThat(get(token, "/api/v1/publications").getStatusCode()).isEqualTo(HttpStatus.OK);
            for (String path : List.of(noList, noList + "/list.csv", noList + "/list.xlsx")) {
                assertProblem(get(token, path), HttpStatus.NOT_FOUND);
            }
        }
        List<String> others = List.of(TOKENS.token("AUDITOR"), TOKENS.token("APPROVER"), TOKENS.bankToken(BANK), TOKENS.firmToken(FIRM),
                TOKENS.mint(List.of(), null, null, "someone", Duration.ofMinutes(5)));
        for (String token : others) {
            assertProblem(postJson(token, "/api/v1/publications", refused), HttpStatus.FORBIDDEN);
        }
        for (String token : others.subList(1, 4)) {
            for (String path : List.of("/api/v1/publications", noList, noList + "/list.csv", noList + "/list.xlsx")) {
                assertProblem(get(token, path), HttpStatus.FORBIDDEN);
            }
            // the public notice (USCCs masked) is for everyone with a role: past the door, no such list
            for (String path : List.of(noList + "/notice.csv", noList + "/notice.xlsx")) {
                assertProblem(get(token, path), HttpStatus.NOT_FOUND);
            }
        }
        String noRole = others.get(4);
        assertProblem(get(noRole, noList + "/notice.csv"), HttpStatus.FORBIDDEN);
        assertProblem(get(null, noList + "/notice.csv"), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void onlyTheFirmItselfConfirmsItsClaim() {
        String path = "/api/v1/firms/" + FIRM + "/claims/" + ClaimRecord.claimId(Program.LYD, BANK, "A1", null, null) + "/confirmation";
        String payee = "{\"payeeName\":\"上海测试科技有限公司\",\"payeeAccount\":\"6222021234567890\",\"payeeBank\":\"工行\"}";
        for (String token : List.of(TOKENS.firmToken(OTHER_FIRM), TOKENS.token("OFFICER"), TOKENS.token("AUDITOR"),
                TOKENS.token("APPROVER"), TOKENS.bankToken(BANK))) {
            assertProblem(postJson(token, path, payee), HttpStatus.FORBIDDEN);
        }
        assertProblem(postJson(null, path, payee), HttpStatus.UNAUTHORIZED);
        // the firm gets past the door: its claim is COMPUTED, not yet published
        assertThat(problemDetail(postJson(TOKENS.firmToken(FIRM), path, payee), HttpStatus.CONFLICT)).contains("is COMPUTED, not PUBLISHED");
    }

    @Test
    void approversAndTokensWithoutARoleAreRefusedEverywhere() {
        for (String token : List.of(TOKENS.token("APPROVER"), TOKENS.mint(List.of(), null, null, "someone", Duration.ofMinutes(5)))) {
            for (String path : everyRead()) {
                assertProblem(get(token, path), HttpStatus.FORBIDDEN);
            }
            assertProblem(post(token, START_NIGHT), HttpStatus.FORBIDDEN);
            assertProblem(post(token, CLAIM + "/recovery"), HttpStatus.FORBIDDEN);
        }
    }

    @Test
    void officersPrepareAndReconcileSettlementsApproversApproveThemAndBothAndAuditorsReadThem() {
        List<String> reads = List.of("/api/v1/settlements", "/api/v1/settlements/999999999",
                "/api/v1/settlements/999999999/payments.csv", "/api/v1/settlements/999999999/pain.001.xml",
                "/api/v1/budgets/LYD_PREMIUM/2026");
        String prepare = "/api/v1/settlements";
        String resume = "/api/v1/settlements/999999999/preparation";
        String approve = "/api/v1/settlements/999999999/approval";
        String reconcile = "/api/v1/settlements/999999999/reconciliation";
        for (String token : List.of(TOKENS.firmToken(FIRM), TOKENS.bankToken(BANK))) {
            for (String path : reads) {
                assertProblem(get(token, path), HttpStatus.FORBIDDEN);
            }
            for (String path : List.of(prepare, resume, approve, reconcile)) {
                assertProblem(post(token, path), HttpStatus.FORBIDDEN);
            }
        }
        for (String token : List.of(TOKENS.token("OFFICER"), TOKENS.token("APPROVER"), TOKENS.token("AUDITOR"))) {
            assertThat(get(token, reads.get(0)).getStatusCode()).isEqualTo(HttpStatus.OK);
            for (String path : reads.subList(1, 4)) {
                assertProblem(get(token, path), HttpStatus.NOT_FOUND);
            }
            assertThat(get(token, reads.get(4)).getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        for (String token : List.of(TOKENS.token("APPROVER"), TOKENS.token("AUDITOR"))) {
            for (String path : List.of(prepare, resume, reconcile)) {
                assertProblem(post(token, path), HttpStatus.FORBIDDEN);
            }
        }
        for (String token : List.of(TOKENS.token("OFFICER"), TOKENS.token("AUDITOR"))) {
            assertProblem(post(token, approve), HttpStatus.FORBIDDEN);
        }
        // past the door, an unknown settlement is a 404
        assertProblem(post(TOKENS.token("APPROVER"), approve), HttpStatus.NOT_FOUND);
        assertProblem(post(TOKENS.token("OFFICER"), resume), HttpStatus.NOT_FOUND);
    }

    @Test
    void noTokenAnExpiredOneOrOneOfAnotherIssuerIsUnauthorized() {
        String expired = TOKENS.mint(List.of("OFFICER"), null, null, "officer", Instant.now().minus(Duration.ofHours(1)),
                Duration.ofMinutes(55));
        String otherKey = LocalTokens.inMemory().token("OFFICER");
        for (String token : Arrays.asList(null, expired, otherKey)) {
            for (String path : everyRead()) {
                ResponseEntity<String> answer = get(token, path);
                assertProblem(answer, HttpStatus.UNAUTHORIZED);
                assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
            }
            assertProblem(post(token, START_NIGHT), HttpStatus.UNAUTHORIZED);
            assertProblem(post(token, CLAIM + "/recovery"), HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        ResponseEntity<String> answer = api().post().uri(START_NIGHT).contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(new byte[10 * 1024 * 1024]).retrieve().toEntity(String.class);
        assertProblem(answer, HttpStatus.CONTENT_TOO_LARGE);
    }

    @Test
    void aBadOrMissingParameterIsNamedWithWhatIsWrong() {
        String officer = TOKENS.token("OFFICER");
        assertThat(problemDetail(get(officer, "/api/v1/claims/export?through=2026-13-01"), HttpStatus.BAD_REQUEST))
                .isEqualTo("the parameter 'through' must be a date (YYYY-MM-DD), not '2026-13-01'");
        assertThat(problemDetail(get(officer, "/api/v1/claims/export"), HttpStatus.BAD_REQUEST))
                .isEqualTo("the parameter 'through' is missing");
        assertThat(problemDetail(post(officer, "/api/v1/runs/nightly"), HttpStatus.BAD_REQUEST))
                .isEqualTo("the parameter 'date' is missing");
        assertThat(problemDetail(get(officer, "/api/v1/runs/latest"), HttpStatus.BAD_REQUEST))
                .isEqualTo("the path segment 'executionId' must be a whole number, not 'latest'");
        assertThat(problemDetail(get(officer, "/api/v1/banks/" + BANK + "/claims?limit=0"), HttpStatus.BAD_REQUEST))
                .isEqualTo("limit must be 1–1000");
    }

    @Test
    void onlyOfficersRecordRecoveriesOfficersAndAuditorsReadAClaimsTrailAndOnlyAuditorsTheWholeTrail() {
        String bank = TOKENS.bankToken(BANK);
        String firm = TOKENS.firmToken(FIRM);
        for (String token : List.of(bank, firm, TOKENS.token("AUDITOR"), TOKENS.token("APPROVER"))) {
            assertProblem(post(token, CLAIM + "/recovery"), HttpStatus.FORBIDDEN);
        }
        // past the door, an officer hears that a COMPUTED claim has nothing to recover
        assertThat(problemDetail(post(TOKENS.token("OFFICER"), CLAIM + "/recovery"), HttpStatus.CONFLICT)).contains("COMPUTED");
        for (String token : List.of(TOKENS.token("OFFICER"), TOKENS.token("AUDITOR"))) {
            assertThat(get(token, CLAIM + "/transitions").getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        for (String token : List.of(bank, firm)) {
            assertProblem(get(token, CLAIM + "/transitions"), HttpStatus.FORBIDDEN);
        }
        assertThat(json(get(TOKENS.token("AUDITOR"), WHOLE_TRAIL), HttpStatus.OK).get("transitions")).isEmpty();
        for (String token : List.of(TOKENS.token("OFFICER"), bank, firm)) {
            assertProblem(get(token, WHOLE_TRAIL), HttpStatus.FORBIDDEN);
        }
    }

    private List<String> everyRead() {
        return List.of("/api/v1/banks/" + BANK + "/claims", "/api/v1/firms/" + FIRM + "/claims", OFFICERS_READS.get(0),
                OFFICERS_READS.get(1), OFFICERS_READS.get(2), CLAIM + "/transitions", WHOLE_TRAIL);
    }

    private ResponseEntity<String> get(String token, String path) {
        return api(token).get().uri(path).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> post(String token, String path) {
        return api(token).method(HttpMethod.POST).uri(path).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> postJson(String token, String path, String body) {
        return api(token).post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
    }

    private static JsonNode json(ResponseEntity<String> answer, HttpStatus status) {
        assertThat(answer.getStatusCode()).as(answer.toString()).isEqualTo(status);
        return JSON.readTree(answer.getBody());
    }
}
