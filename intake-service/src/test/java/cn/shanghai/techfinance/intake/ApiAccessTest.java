package cn.shanghai.techfinance.intake;

import static cn.shanghai.techfinance.security.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.TechPolicyLine;
import cn.shanghai.techfinance.infra.LocalTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who may read what of intake, over real HTTP with real tokens: every endpoint, each role's
 * allowances and its denials, and how a denial reads (RFC 9457, nothing internal).
 */
class ApiAccessTest extends IntakeIntegrationTest {

    private static final String BANK = "ACL-SH";
    private static final String OTHER_BANK = "ACL-BJ";
    private static final String EVENT = "acl-e1";
    private static final String OWN_EVENT = "/api/v1/events/bank/" + BANK + "/acl-e1";
    private static final String OTHER_EVENT = "/api/v1/events/bank/" + OTHER_BANK + "/acl-e1";
    private static final String CREDIT_EVENT = "/api/v1/events/credit-platform/none";
    private static final String DEAD_LETTERS = "/api/v1/dead-letters";
    private static final String DEAD_LETTER_PAYLOAD = "/api/v1/dead-letters/999999999/payload";
    private static final List<String> EVERY_ENDPOINT = List.of(OWN_EVENT, OTHER_EVENT, CREDIT_EVENT, DEAD_LETTERS, DEAD_LETTER_PAYLOAD);

    private static final String INSURER = "ACL-INS";
    private static final String OTHER_INSURER = "ACL-INS-BJ";

    @BeforeAll
    static void bothBanksSentAnEvent() {
        send(List.of(TestEvents.exampleLoan(BANK, "acl-", 61).get(0), TestEvents.exampleLoan(OTHER_BANK, "acl-", 62).get(0)));
        // and two insurers a policy each, the second one rejected (it ends before it starts)
        BankEvent policy = TestEvents.techPolicy(INSURER, "acl-", 63, TechPolicyLine.KEY_EQUIPMENT).get(0);
        send(List.of(policy));
        ObjectNode rejected = (ObjectNode) JSON.readTree(TestEvents.json(TestEvents.techPolicy(OTHER_INSURER, "acl-", 64,
                TechPolicyLine.OTHER).get(0)));
        ((ObjectNode) rejected.get("data")).put("endOn", "2020-01-01");
        sendRaw(Topics.insurerEvents(OTHER_INSURER), JSON.writeValueAsString(rejected));
    }

    @Test
    void anInsurerReadsItsOwnEventsOutcomeAndRejectionsAndNoOneElses() {
        assertThat(awaitStatus(EventSource.insurer(INSURER), "acl-p1")).isEqualTo("ACCEPTED");
        assertThat(awaitStatus(EventSource.insurer(OTHER_INSURER), "acl-p1")).isEqualTo("REJECTED");
        String own = "/api/v1/events/insurer/" + INSURER + "/acl-p1";
        String other = "/api/v1/events/insurer/" + OTHER_INSURER + "/acl-p1";
        String insurer = TOKENS.insurerToken(INSURER);

        ResponseEntity<String> answer = get(insurer, own);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(answer.getBody()).get("status").asString()).isEqualTo("ACCEPTED");
        assertForbidden(get(insurer, other));
        // the same code as a bank's is not the insurer's: the roles and claims are apart
        assertForbidden(get(insurer, "/api/v1/events/bank/" + INSURER + "/acl-p1"));
        assertForbidden(get(TOKENS.bankToken(INSURER), own));
        for (String path : List.of(CREDIT_EVENT, DEAD_LETTERS, DEAD_LETTER_PAYLOAD)) {
            assertForbidden(get(insurer, path));
        }
        assertThat(get(TOKENS.token("AUDITOR"), other).getStatusCode()).isEqualTo(HttpStatus.OK);

        JsonNode others = JSON.readTree(get(TOKENS.insurerToken(OTHER_INSURER), "/api/v1/rejections").getBody());
        assertThat(java.util.stream.StreamSupport.stream(others.get("items").spliterator(), false).map(i -> i.get("source").asString()).distinct().toList())
                .containsExactly(EventSource.insurer(OTHER_INSURER));
        assertThat(others.get("items").get(0).get("bank").asString()).isEqualTo(OTHER_INSURER);
        assertThat(JSON.readTree(get(insurer, "/api/v1/rejections").getBody()).get("total").asLong()).isZero();
        assertForbidden(get(insurer, "/api/v1/rejections?bank=" + OTHER_INSURER));
        assertForbidden(get(insurer, "/api/v1/rejections/summary?bank=" + BANK));
    }

    @Test
    void aBankReadsItsOwnEventsOutcomeAndNoOtherBanks() {
        awaitStatus(EventSource.bank(BANK), EVENT);
        awaitStatus(EventSource.bank(OTHER_BANK), EVENT);
        String bank = TOKENS.bankToken(BANK);
        ResponseEntity<String> own = get(bank, OWN_EVENT);
        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(own.getBody()).get("source").asString()).isEqualTo(EventSource.bank(BANK));

        assertForbidden(get(bank, OTHER_EVENT));
        assertThat(get(TOKENS.bankToken(OTHER_BANK), OTHER_EVENT).getStatusCode()).isEqualTo(HttpStatus.OK);
        // an unknown event of its own is the bank's to ask about: 404, not 403
        assertThat(get(bank, "/api/v1/events/bank/" + BANK + "/no-such").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        for (String path : List.of(CREDIT_EVENT, DEAD_LETTERS, DEAD_LETTER_PAYLOAD)) {
            assertForbidden(get(bank, path));
        }
        // a bank token without its bank code is no bank's
        assertForbidden(get(TOKENS.token("BANK"), OWN_EVENT));
    }

    @Test
    void officersAndAuditorsReadEverything() {
        awaitStatus(EventSource.bank(BANK), EVENT);
        for (String token : List.of(TOKENS.token("OFFICER"), TOKENS.token("AUDITOR"))) {
            assertThat(get(token, OWN_EVENT).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(get(token, CREDIT_EVENT).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(get(token, DEAD_LETTERS).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(get(token, DEAD_LETTER_PAYLOAD).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void firmsApproversAndTokensWithoutARoleAreRefusedEverywhere() {
        for (String token : List.of(TOKENS.firmToken(TestEvents.uscc(61)), TOKENS.token("APPROVER"),
                TOKENS.mint(List.of(), null, null, "someone", Duration.ofMinutes(5)))) {
            for (String path : EVERY_ENDPOINT) {
                assertForbidden(get(token, path));
            }
        }
    }

    @Test
    void noTokenAnExpiredOneOrOneOfAnotherIssuerIsUnauthorized() {
        String expired = TOKENS.mint(List.of("OFFICER"), null, null, "officer", Instant.now().minus(Duration.ofHours(1)),
                Duration.ofMinutes(55)); // expired 5 minutes ago: beyond the 60 s of clock skew allowed
        String otherKey = LocalTokens.inMemory().token("OFFICER");
        for (String token : java.util.Arrays.asList(null, expired, otherKey, "not-a-jwt")) {
            for (String path : EVERY_ENDPOINT) {
                ResponseEntity<String> answer = get(token, path);
                assertProblem(answer, HttpStatus.UNAUTHORIZED);
                assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
            }
        }
    }

    @Test
    void nothingIsWrittenHereNotEvenByAnAuditor() {
        for (String token : List.of(TOKENS.token("AUDITOR"), TOKENS.token("OFFICER"), TOKENS.bankToken(BANK))) {
            ResponseEntity<String> answer = http(token).post().uri(OWN_EVENT).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("status", "ACCEPTED")).retrieve().toEntity(String.class);
            assertForbidden(answer);
            assertForbidden(http(token).delete().uri(DEAD_LETTERS).retrieve().toEntity(String.class));
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        ResponseEntity<String> answer = http().post().uri(DEAD_LETTERS).contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(tenMegabytes).retrieve().toEntity(String.class);
        assertProblem(answer, HttpStatus.CONTENT_TOO_LARGE);
        assertThat(detail(answer)).isEqualTo("the request body is larger than 1024 KB");
    }

    @Test
    void aBadParameterIsNamedWithWhatIsWrong() {
        ResponseEntity<String> answer = get(TOKENS.token("AUDITOR"), DEAD_LETTERS + "?limit=many");
        assertProblem(answer, HttpStatus.BAD_REQUEST);
        assertThat(detail(answer)).isEqualTo("the parameter 'limit' must be a whole number, not 'many'");

        answer = get(TOKENS.token("AUDITOR"), DEAD_LETTERS + "?beforeId=x1");
        assertProblem(answer, HttpStatus.BAD_REQUEST);
        assertThat(detail(answer)).isEqualTo("the parameter 'beforeId' must be a whole number, not 'x1'");

        answer = get(TOKENS.token("AUDITOR"), "/api/v1/dead-letters/abc/payload");
        assertProblem(answer, HttpStatus.BAD_REQUEST);
        assertThat(detail(answer)).isEqualTo("the path segment 'id' must be a whole number, not 'abc'");
    }

    @Test
    void probesTheApiDescriptionAndTheResourceMetadataAreOpen() {
        for (String path : List.of("/livez", "/readyz", "/v3/api-docs")) {
            assertThat(get(null, path).getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        }
        // the API description tells its reader to send a bearer JWT with every operation
        JsonNode docs = JSON.readTree(get(null, "/v3/api-docs").getBody());
        assertThat(docs.at("/components/securitySchemes/bearer-jwt/scheme").asString()).isEqualTo("bearer");
        assertThat(docs.at("/security/0").has("bearer-jwt")).isTrue();
        // what a 401's WWW-Authenticate points to (RFC 9728): how to get a token for this resource
        ResponseEntity<String> metadata = get(null, "/.well-known/oauth-protected-resource");
        assertThat(metadata.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(metadata.getBody()).get("resource").asString()).startsWith("http://localhost:");
    }

    private ResponseEntity<String> get(String token, String path) {
        return http(token).get().uri(path).retrieve().toEntity(String.class);
    }

    private static void assertForbidden(ResponseEntity<String> answer) {
        assertProblem(answer, HttpStatus.FORBIDDEN);
    }

    private static String detail(ResponseEntity<String> answer) {
        return JSON.readTree(answer.getBody()).get("detail").asString();
    }
}
