package cn.shanghai.techfinance.notifier;

import static cn.shanghai.techfinance.security.ProblemAssertions.assertProblem;
import static cn.shanghai.techfinance.security.ProblemAssertions.problemDetail;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.infra.LocalTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.StreamingHttpOutputMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what with the notifier, over real HTTP with real tokens: every endpoint, each role's
 * allowances and its denials, and how a denial reads (RFC 9457, nothing internal). The delivery
 * ledger holds one delivered result for each of two banks and one e-mail for each of two firms.
 */
class ApiAccessTest extends NotifierIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BANK = "ACL-SH";
    private static final String OTHER_BANK = "ACL-BJ";
    private static final String FIRM = TestData.uscc(991);
    private static final String OTHER_FIRM = TestData.uscc(992);
    private static final String SECRET = "access-test-secret-0123456789abcdef";

    private long bankDelivery;
    private long otherBankDelivery;
    private long firmDelivery;

    @BeforeEach
    void ledgerHasADeliveryForEach() {
        jdbc.update("DELETE FROM delivery WHERE recipient IN (?, ?, ?, ?)", BANK, OTHER_BANK, FIRM, OTHER_FIRM);
        bankDelivery = delivered(BANK, "KAFKA");
        otherBankDelivery = delivered(OTHER_BANK, "KAFKA");
        firmDelivery = delivered(FIRM, "EMAIL");
        delivered(OTHER_FIRM, "EMAIL");
    }

    private long delivered(String recipient, String channel) {
        jdbc.update("""
                INSERT INTO delivery (recipient, channel, event_id, payload, status, attempts, budget_spent, next_attempt_at,
                    created_at, delivered_at)
                VALUES (?, ?, ?, ?, 'DELIVERED', 1, 1, NOW(3), NOW(3), NOW(3))""",
                recipient, channel, "event/acl-" + recipient, "{}".getBytes(StandardCharsets.UTF_8));
        return jdbc.queryForObject("SELECT id FROM delivery WHERE recipient = ?", Long.class, recipient);
    }

    @Test
    void aBankRegistersAndReadsItsOwnWebhookAndNoOtherBanks() {
        registerWebhook(BANK, SECRET);
        registerWebhook(OTHER_BANK, SECRET);
        String bank = TOKENS.bankToken(BANK);
        assertThat(json(call(bank, HttpMethod.GET, "/api/v1/banks/" + BANK + "/webhook", null), HttpStatus.OK)
                .get("bankCode").asString()).isEqualTo(BANK);
        assertProblem(call(bank, HttpMethod.GET, "/api/v1/banks/" + OTHER_BANK + "/webhook", null), HttpStatus.FORBIDDEN);
        assertProblem(call(bank, HttpMethod.PUT, "/api/v1/banks/" + OTHER_BANK + "/webhook", webhook()), HttpStatus.FORBIDDEN);
        // the other bank's registration stands
        assertThat(json(call(TOKENS.bankToken(OTHER_BANK), HttpMethod.GET, "/api/v1/banks/" + OTHER_BANK + "/webhook", null),
                HttpStatus.OK).get("url").asString()).endsWith(hookPath(OTHER_BANK));
        // nor a firm's contact, nor the operator's pages
        assertProblem(call(bank, HttpMethod.GET, "/api/v1/firms/" + FIRM + "/contact", null), HttpStatus.FORBIDDEN);
        assertProblem(call(bank, HttpMethod.PUT, "/api/v1/firms/" + FIRM + "/contact", Map.of("email", "x@bank.test")),
                HttpStatus.FORBIDDEN);
        assertProblem(call(bank, HttpMethod.GET, "/api/v1/dead-letters", null), HttpStatus.FORBIDDEN);
        assertProblem(call(bank, HttpMethod.POST, "/api/v1/deliveries/" + bankDelivery + "/redelivery", null), HttpStatus.FORBIDDEN);
        // a bank token without a bank code is no bank's
        assertProblem(call(TOKENS.token("BANK"), HttpMethod.GET, "/api/v1/banks/" + BANK + "/webhook", null), HttpStatus.FORBIDDEN);
    }

    @Test
    void aFirmRegistersAndReadsItsOwnContactAndNoOtherFirms() {
        assertThat(registerContact(FIRM, "board@firm991.test").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(registerContact(OTHER_FIRM, "board@firm992.test").getStatusCode()).isEqualTo(HttpStatus.OK);
        String firm = TOKENS.firmToken(FIRM);
        assertThat(json(call(firm, HttpMethod.GET, "/api/v1/firms/" + FIRM + "/contact", null), HttpStatus.OK)
                .get("email").asString()).isEqualTo("board@firm991.test");
        assertProblem(call(firm, HttpMethod.GET, "/api/v1/firms/" + OTHER_FIRM + "/contact", null), HttpStatus.FORBIDDEN);
        assertProblem(call(firm, HttpMethod.PUT, "/api/v1/firms/" + OTHER_FIRM + "/contact", Map.of("email", "evil@x.test")),
                HttpStatus.FORBIDDEN);
        assertThat(json(call(TOKENS.firmToken(OTHER_FIRM), HttpMethod.GET, "/api/v1/firms/" + OTHER_FIRM + "/contact", null),
                HttpStatus.OK).get("email").asString()).isEqualTo("board@firm992.test");
        assertProblem(call(firm, HttpMethod.GET, "/api/v1/banks/" + BANK + "/webhook", null), HttpStatus.FORBIDDEN);
        assertProblem(call(firm, HttpMethod.PUT, "/api/v1/banks/" + BANK + "/webhook", webhook()), HttpStatus.FORBIDDEN);
        assertProblem(call(firm, HttpMethod.GET, "/api/v1/dead-letters", null), HttpStatus.FORBIDDEN);
    }

    @Test
    void banksAndFirmsReadOnlyTheirOwnDeliveries() {
        String bank = TOKENS.bankToken(BANK);
        JsonNode own = json(call(bank, HttpMethod.GET, "/api/v1/deliveries", null), HttpStatus.OK);
        assertThat(own).extracting(d -> d.get("recipient").asString()).containsOnly(BANK).isNotEmpty();
        assertThat(json(call(bank, HttpMethod.GET, "/api/v1/deliveries?recipient=" + BANK, null), HttpStatus.OK)).hasSize(own.size());
        assertProblem(call(bank, HttpMethod.GET, "/api/v1/deliveries?recipient=" + OTHER_BANK, null), HttpStatus.FORBIDDEN);
        assertProblem(call(bank, HttpMethod.GET, "/api/v1/deliveries?recipient=" + FIRM, null), HttpStatus.FORBIDDEN);
        assertThat(json(call(bank, HttpMethod.GET, "/api/v1/deliveries/" + bankDelivery, null), HttpStatus.OK)
                .get("recipient").asString()).isEqualTo(BANK);
        assertProblem(call(bank, HttpMethod.GET, "/api/v1/deliveries/" + otherBankDelivery, null), HttpStatus.FORBIDDEN);
        assertProblem(call(bank, HttpMethod.GET, "/api/v1/deliveries/" + firmDelivery, null), HttpStatus.FORBIDDEN);

        String firm = TOKENS.firmToken(FIRM);
        assertThat(json(call(firm, HttpMethod.GET, "/api/v1/deliveries", null), HttpStatus.OK))
                .extracting(d -> d.get("recipient").asString()).containsExactly(FIRM);
        assertProblem(call(firm, HttpMethod.GET, "/api/v1/deliveries?recipient=" + OTHER_FIRM, null), HttpStatus.FORBIDDEN);
        assertProblem(call(firm, HttpMethod.GET, "/api/v1/deliveries/" + bankDelivery, null), HttpStatus.FORBIDDEN);
        assertThat(call(firm, HttpMethod.GET, "/api/v1/deliveries/" + firmDelivery, null).getStatusCode()).isEqualTo(HttpStatus.OK);
        // neither may ask for everything by naming no one when the token names no one
        assertProblem(call(TOKENS.token("BANK"), HttpMethod.GET, "/api/v1/deliveries", null), HttpStatus.FORBIDDEN);
    }

    @Test
    void officersRedeliverAndReadEverythingAuditorsReadEverythingAndWriteNothing() {
        registerWebhook(BANK, SECRET);
        registerContact(FIRM, "board@firm991.test");
        for (String token : List.of(TOKENS.token("OFFICER"), TOKENS.token("AUDITOR"))) {
            assertThat(json(call(token, HttpMethod.GET, "/api/v1/deliveries?recipient=" + OTHER_BANK, null), HttpStatus.OK)).hasSize(1);
            assertThat(call(token, HttpMethod.GET, "/api/v1/deliveries/" + otherBankDelivery, null).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(call(token, HttpMethod.GET, "/api/v1/banks/" + BANK + "/webhook", null).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(call(token, HttpMethod.GET, "/api/v1/firms/" + FIRM + "/contact", null).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(call(token, HttpMethod.GET, "/api/v1/dead-letters", null).getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(call(token, HttpMethod.GET, "/api/v1/dead-letters/999999999/payload", null).getStatusCode())
                    .isEqualTo(HttpStatus.NOT_FOUND);
            // a bank's webhook and a firm's address are theirs to set, not the city's
            assertProblem(call(token, HttpMethod.PUT, "/api/v1/banks/" + BANK + "/webhook", webhook()), HttpStatus.FORBIDDEN);
            assertProblem(call(token, HttpMethod.PUT, "/api/v1/firms/" + FIRM + "/contact", Map.of("email", "x@city.test")),
                    HttpStatus.FORBIDDEN);
        }
        // an officer may redeliver (a delivered one is never sent twice: 409); an auditor may not
        assertProblem(call(TOKENS.token("OFFICER"), HttpMethod.POST, "/api/v1/deliveries/" + bankDelivery + "/redelivery", null),
                HttpStatus.CONFLICT);
        assertProblem(call(TOKENS.token("AUDITOR"), HttpMethod.POST, "/api/v1/deliveries/" + bankDelivery + "/redelivery", null),
                HttpStatus.FORBIDDEN);
    }

    @Test
    void approversAndTokensWithoutARoleAreRefusedEverywhere() {
        for (String token : List.of(TOKENS.token("APPROVER"), TOKENS.mint(List.of(), null, null, "someone", Duration.ofMinutes(5)))) {
            for (String[] request : everyEndpoint()) {
                assertProblem(call(token, HttpMethod.valueOf(request[0]), request[1], request[0].equals("PUT") ? webhook() : null),
                        HttpStatus.FORBIDDEN);
            }
        }
    }

    @Test
    void noTokenAnExpiredOneOrOneOfAnotherIssuerIsUnauthorized() {
        String expired = TOKENS.mint(List.of("BANK"), BANK, null, "bank", Instant.now().minus(Duration.ofHours(1)),
                Duration.ofMinutes(55));
        String otherKey = LocalTokens.inMemory().bankToken(BANK);
        for (String token : Arrays.asList(null, expired, otherKey)) {
            for (String[] request : everyEndpoint()) {
                ResponseEntity<String> answer = call(token, HttpMethod.valueOf(request[0]), request[1],
                        request[0].equals("PUT") ? webhook() : null);
                assertProblem(answer, HttpStatus.UNAUTHORIZED);
                assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
            }
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413WithOrWithoutItsLength() {
        String bank = TOKENS.bankToken(BANK);
        ResponseEntity<String> declared = api(bank).put().uri("/api/v1/banks/{bank}/webhook", BANK)
                .contentType(MediaType.APPLICATION_JSON).body(new byte[10 * 1024 * 1024]).retrieve().toEntity(String.class);
        assertProblem(declared, HttpStatus.CONTENT_TOO_LARGE);

        // chunked: no Content-Length to refuse on, the limit stops the reading at 1 MB
        StreamingHttpOutputMessage.Body twoMegabytes = out -> {
            out.write("{\"url\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < 32; i++) {
                out.write(chunk);
            }
            out.write("\"}".getBytes(StandardCharsets.UTF_8));
        };
        ResponseEntity<String> chunked = api(bank).put().uri("/api/v1/banks/{bank}/webhook", BANK)
                .contentType(MediaType.APPLICATION_JSON).body(twoMegabytes).retrieve().toEntity(String.class);
        assertThat(chunked.getHeaders().getContentLength()).isNotZero();
        assertProblem(chunked, HttpStatus.CONTENT_TOO_LARGE);
    }

    @Test
    void aBadBodyOrParameterIsNamedWithWhatIsWrong() {
        String bank = TOKENS.bankToken(BANK);
        assertThat(problemDetail(call(bank, HttpMethod.PUT, "/api/v1/banks/" + BANK + "/webhook",
                Map.of("url", Map.of("nested", 1), "keyId", "k1", "secret", SECRET)), HttpStatus.BAD_REQUEST))
                .isEqualTo("the field '$.url' must be a string");
        ResponseEntity<String> broken = api(bank).put().uri("/api/v1/banks/{bank}/webhook", BANK).contentType(MediaType.APPLICATION_JSON)
                .body("{\"url\": \"https://bank.example/x\", \"keyId\": }").retrieve().toEntity(String.class);
        assertThat(problemDetail(broken, HttpStatus.BAD_REQUEST)).startsWith("the request body is not valid JSON at line 1, column");
        ResponseEntity<String> empty = api(bank).put().uri("/api/v1/banks/{bank}/webhook", BANK).contentType(MediaType.APPLICATION_JSON)
                .retrieve().toEntity(String.class);
        assertThat(problemDetail(empty, HttpStatus.BAD_REQUEST)).isEqualTo("the request body is missing or unreadable");
        assertThat(problemDetail(call(TOKENS.token("OFFICER"), HttpMethod.GET, "/api/v1/deliveries?status=LOST", null), HttpStatus.BAD_REQUEST))
                .startsWith("the parameter 'status' must be one of PENDING, ").endsWith(", not 'LOST'");
        assertThat(problemDetail(call(TOKENS.token("OFFICER"), HttpMethod.GET, "/api/v1/deliveries?afterId=x", null), HttpStatus.BAD_REQUEST))
                .isEqualTo("the parameter 'afterId' must be a whole number, not 'x'");
    }

    private static List<String[]> everyEndpoint() {
        return List.of(new String[] {"GET", "/api/v1/banks/" + BANK + "/webhook"}, new String[] {"PUT", "/api/v1/banks/" + BANK + "/webhook"},
                new String[] {"GET", "/api/v1/firms/" + FIRM + "/contact"}, new String[] {"PUT", "/api/v1/firms/" + FIRM + "/contact"},
                new String[] {"GET", "/api/v1/deliveries"}, new String[] {"GET", "/api/v1/deliveries/1"},
                new String[] {"POST", "/api/v1/deliveries/1/redelivery"}, new String[] {"GET", "/api/v1/dead-letters"},
                new String[] {"GET", "/api/v1/dead-letters/1/payload"});
    }

    private Map<String, String> webhook() {
        return Map.of("url", BANKS.baseUrl() + hookPath(BANK), "keyId", "k1", "secret", SECRET);
    }

    private ResponseEntity<String> call(String token, HttpMethod method, String path, Object body) {
        var request = api(token).method(method).uri(path);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(String.class);
    }

    private static JsonNode json(ResponseEntity<String> answer, HttpStatus status) {
        assertThat(answer.getStatusCode()).as(answer.toString()).isEqualTo(status);
        return JSON.readTree(answer.getBody());
    }
}
