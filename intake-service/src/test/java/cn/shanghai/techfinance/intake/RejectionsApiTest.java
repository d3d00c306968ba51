package cn.shanghai.techfinance.intake;

import static cn.shanghai.techfinance.security.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The rejections API over real HTTP with real tokens: rejected events by bank, reason and date,
 * newest first and paged, their counts by bank and reason, and who may read whose.
 */
class RejectionsApiTest extends IntakeIntegrationTest {

    private static final String BANK = "REJ-SH";
    private static final String OTHER_BANK = "REJ-BJ";

    /** REJ-SH: two events out of range and one with a programme outside the enumeration; REJ-BJ: one out of range. */
    @BeforeAll
    static void banksSentMalformedEvents() {
        sendRaw(Topics.bankEvents(BANK), loanApplication(BANK, "rej-1-", 71).replace("\"termMonths\":12", "\"termMonths\":0"));
        sendRaw(Topics.bankEvents(BANK), loanApplication(BANK, "rej-2-", 72).replace("\"program\":\"LYD\"", "\"program\":\"XYZ\""));
        sendRaw(Topics.bankEvents(BANK), loanApplication(BANK, "rej-3-", 73).replace("\"termMonths\":12", "\"termMonths\":121"));
        sendRaw(Topics.bankEvents(OTHER_BANK), loanApplication(OTHER_BANK, "rej-4-", 74).replace("\"termMonths\":12", "\"termMonths\":0"));
    }

    private static String loanApplication(String bank, String prefix, int firm) {
        return TestEvents.json(TestEvents.exampleLoan(bank, prefix, firm).get(0));
    }

    @Test
    void anOfficerListsABanksRejectionsNewestFirstByReasonAndPaged() {
        awaitRejected();
        JsonNode all = json(get(TOKENS.token("OFFICER"), "/api/v1/rejections?bank=" + BANK));
        assertThat(all.get("total").asLong()).isEqualTo(3);
        assertThat(all.get("items")).extracting(i -> i.get("eventId").asString()).containsExactly("rej-3-e1", "rej-2-e1", "rej-1-e1");
        JsonNode newest = all.get("items").get(0);
        assertThat(newest.get("source").asString()).isEqualTo(EventSource.bank(BANK));
        assertThat(newest.get("bank").asString()).isEqualTo(BANK);
        assertThat(newest.get("type").asString()).isEqualTo("loan.applied.v1");
        assertThat(newest.get("violations").get(0).get("code").asString()).isEqualTo("OUT_OF_RANGE");
        assertThat(newest.get("violations").get(0).get("field").asString()).isEqualTo("data.termMonths");
        assertThat(newest.get("violations").get(0).get("message").asString()).isNotBlank();
        assertThat(newest.get("receivedAt").asString()).isNotBlank();

        JsonNode enums = json(get(TOKENS.token("OFFICER"), "/api/v1/rejections?bank=" + BANK + "&reason=INVALID_ENUM"));
        assertThat(enums.get("items")).extracting(i -> i.get("eventId").asString()).containsExactly("rej-2-e1");

        JsonNode second = json(get(TOKENS.token("OFFICER"), "/api/v1/rejections?bank=" + BANK + "&reason=OUT_OF_RANGE&page=1&size=1"));
        assertThat(second.get("total").asLong()).isEqualTo(2);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("items")).extracting(i -> i.get("eventId").asString()).containsExactly("rej-1-e1");

        // intake's clock is the test context's (other classes move it): the days are those the events arrived on
        LocalDate first = arrivalDay(all.get("items").get(2));
        LocalDate last = arrivalDay(newest);
        assertThat(json(get(TOKENS.token("AUDITOR"), "/api/v1/rejections?bank=" + BANK + "&from=" + first + "&to=" + last))
                .get("total").asLong()).isEqualTo(3);
        assertThat(json(get(TOKENS.token("AUDITOR"), "/api/v1/rejections?bank=" + BANK + "&from=" + last.plusDays(1)))
                .get("total").asLong()).as("none arrived the day after").isZero();
        assertThat(json(get(TOKENS.token("AUDITOR"), "/api/v1/rejections?bank=" + BANK + "&to=" + first.minusDays(1)))
                .get("total").asLong()).as("none arrived the day before").isZero();
    }

    @Test
    void theSummaryCountsRejectedEventsByBankAndReason() {
        awaitRejected();
        JsonNode counts = json(get(TOKENS.token("OFFICER"), "/api/v1/rejections/summary")).get("counts");
        assertThat(counts).filteredOn(c -> c.get("bank").asString().startsWith("REJ-"))
                .extracting(c -> c.get("bank").asString() + " " + c.get("reason").asString() + " " + c.get("events").asLong())
                .as("banks in order, reasons in the contract's order")
                .containsExactly("REJ-BJ OUT_OF_RANGE 1", "REJ-SH OUT_OF_RANGE 2", "REJ-SH INVALID_ENUM 1");
        JsonNode oneReason = json(get(TOKENS.token("AUDITOR"), "/api/v1/rejections/summary?bank=" + BANK + "&reason=INVALID_ENUM"));
        assertThat(oneReason.get("counts")).extracting(c -> c.get("reason").asString() + " " + c.get("events").asLong())
                .containsExactly("INVALID_ENUM 1");
    }

    @Test
    void aBankReadsOnlyItsOwnRejections() {
        awaitRejected();
        String bank = TOKENS.bankToken(BANK);
        JsonNode own = json(get(bank, "/api/v1/rejections"));
        assertThat(own.get("total").asLong()).as("its own, without asking").isEqualTo(3);
        assertThat(own.get("items")).allSatisfy(i -> assertThat(i.get("bank").asString()).isEqualTo(BANK));
        assertThat(json(get(bank, "/api/v1/rejections/summary")).get("counts"))
                .allSatisfy(c -> assertThat(c.get("bank").asString()).isEqualTo(BANK));
        assertThat(get(bank, "/api/v1/rejections?bank=" + BANK).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertProblem(get(bank, "/api/v1/rejections?bank=" + OTHER_BANK), HttpStatus.FORBIDDEN);
        assertProblem(get(bank, "/api/v1/rejections/summary?bank=" + OTHER_BANK), HttpStatus.FORBIDDEN);
        assertProblem(get(TOKENS.token("BANK"), "/api/v1/rejections"), HttpStatus.FORBIDDEN);
        for (String token : List.of(TOKENS.firmToken(TestEvents.uscc(71)), TOKENS.token("APPROVER"))) {
            assertProblem(get(token, "/api/v1/rejections"), HttpStatus.FORBIDDEN);
            assertProblem(get(token, "/api/v1/rejections/summary"), HttpStatus.FORBIDDEN);
        }
        assertProblem(get(null, "/api/v1/rejections"), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void badFiltersAreRefusedWithWhatIsWrong() {
        String officer = TOKENS.token("OFFICER");
        assertThat(detail(get(officer, "/api/v1/rejections?reason=TYPO"))).contains("'reason'", "TYPO");
        assertThat(detail(get(officer, "/api/v1/rejections?bank=icbc"))).isEqualTo("not a bank code: icbc");
        assertThat(detail(get(officer, "/api/v1/rejections?size=0"))).isEqualTo("size must be 1–200");
        assertThat(detail(get(officer, "/api/v1/rejections?page=-1"))).isEqualTo("page must be 0 or more");
        assertThat(detail(get(officer, "/api/v1/rejections/summary?from=2026-02-01&to=2026-01-31")))
                .isEqualTo("to (2026-01-31) is before from (2026-02-01)");
        assertThat(detail(get(officer, "/api/v1/rejections?from=yesterday"))).contains("'from'", "yesterday");
    }

    @Test
    void theOpenApiDocumentDescribesTheRejectionsPaths() {
        JsonNode paths = json(get(null, "/v3/api-docs")).get("paths");
        assertThat(paths.get("/api/v1/rejections").get("get").get("summary").asString()).isEqualTo("Rejected events, newest first");
        assertThat(paths.get("/api/v1/rejections/summary").get("get").get("summary").asString())
                .isEqualTo("Rejected events counted by bank and reason");
    }

    private void awaitRejected() {
        for (String id : List.of("rej-1-e1", "rej-2-e1", "rej-3-e1")) {
            assertThat(awaitStatus(EventSource.bank(BANK), id)).isEqualTo("REJECTED");
        }
        assertThat(awaitStatus(EventSource.bank(OTHER_BANK), "rej-4-e1")).isEqualTo("REJECTED");
    }

    private static LocalDate arrivalDay(JsonNode rejection) {
        return Instant.parse(rejection.get("receivedAt").asString()).atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
    }

    private ResponseEntity<String> get(String token, String path) {
        return http(token).get().uri(path).retrieve().toEntity(String.class);
    }

    private static JsonNode json(ResponseEntity<String> answer) {
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(answer.getBody());
    }

    private static String detail(ResponseEntity<String> answer) {
        assertProblem(answer, HttpStatus.BAD_REQUEST);
        return JSON.readTree(answer.getBody()).get("detail").asString();
    }
}
