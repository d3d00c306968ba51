package cn.shanghai.techfinance.subsidy;

import static cn.shanghai.techfinance.security.ProblemAssertions.assertProblem;
import static cn.shanghai.techfinance.security.ProblemAssertions.problemDetail;
import static cn.shanghai.techfinance.subsidy.LifecycleFixture.lydClaimId;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.claims.Actor;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.nightly.NightlyRuns;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail over real HTTP with real tokens: one claim's whole life (computed, published,
 * confirmed, paid, clawed back by the night, recovered by an officer) as its trail and as the pages
 * of the trail by business date; who may read which. Nights of December 2026, its own.
 */
class AuditTrailApiTest extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BANK = "AUDIT-SH";
    private static final LocalDate SETTLED = LocalDate.of(2026, 12, 7);

    @Autowired
    NightlyRuns runs;

    @Autowired
    ClaimStore claimStore;

    @Autowired
    BusinessClock businessClock;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void aClaimsWholeLifeIsInTheTrailAndAuditorsPageThroughItByDate() {
        LoanStories s = new LoanStories(BANK).lyd("a1", LoanStories.firm(LoanStories.uscc(7_300_001), "3911", true),
                LocalDate.of(2026, 1, 5), "45000.00", LocalDate.of(2026, 1, 10), SETTLED);
        s.policyCancelled("a1", SETTLED.plusDays(4));
        sendAndAwaitAccepted(s.events());
        String id = lydClaimId(BANK, "a1");
        Instant before = Instant.now().minusSeconds(1);
        assertThat(runs.runToEnd(SETTLED).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        LifecycleFixture people = new LifecycleFixture(claimStore, transactionManager);
        people.publish(id, SETTLED.plusDays(1), SETTLED.plusDays(4));
        people.confirm(id, SETTLED.plusDays(2));
        people.pay(id, SETTLED.plusDays(3));
        assertThat(runs.runToEnd(SETTLED.plusDays(4)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        businessClock.set(SETTLED.plusDays(4));
        String officer = TOKENS.mint(List.of("OFFICER"), null, null, "li.auditee", Duration.ofMinutes(5));
        assertThat(api(officer).post().uri("/api/v1/claims/{id}/recovery", id).contentType(MediaType.APPLICATION_JSON)
                .body("{\"reference\":\"HX-7\"}").retrieve().toEntity(String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        JsonNode claimTrail = json(get(TOKENS.token("AUDITOR"), "/api/v1/claims/{id}/transitions", id), HttpStatus.OK);
        assertThat(claimTrail.valueStream().map(t -> t.get("from").isNull() ? null : t.get("from").asString()).toList())
                .containsExactly(null, "COMPUTED", "PUBLISHED", "CONFIRMED", "PAID", "CLAWBACK_DUE");
        assertThat(claimTrail.valueStream().map(t -> t.get("to").asString()))
                .containsExactly("COMPUTED", "PUBLISHED", "CONFIRMED", "PAID", "CLAWBACK_DUE", "RECOVERED");
        assertThat(claimTrail.valueStream().map(t -> t.get("actor").asString()))
                .containsExactly(Actor.NIGHTLY, LifecycleFixture.ACTOR, LifecycleFixture.ACTOR, LifecycleFixture.ACTOR, Actor.NIGHTLY,
                        "li.auditee");
        assertThat(claimTrail.valueStream().map(t -> LocalDate.parse(t.get("businessDate").asString())))
                .containsExactly(SETTLED, SETTLED.plusDays(1), SETTLED.plusDays(2), SETTLED.plusDays(3), SETTLED.plusDays(4),
                        SETTLED.plusDays(4));
        assertThat(claimTrail.valueStream().map(t -> t.get("version").asLong())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(claimTrail.valueStream().map(t -> t.get("reference").isNull() ? null : t.get("reference").asString()))
                .containsExactly(null, "LIST-TEST", null, "S-TEST", null, "HX-7");
        assertThat(claimTrail).allSatisfy(t -> {
            assertThat(t.get("claimId").asString()).isEqualTo(id);
            assertThat(Instant.parse(t.get("at").asString())).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        });
        assertThat(json(get(officer, "/api/v1/claims/{id}/transitions", id), HttpStatus.OK)).isEqualTo(claimTrail);

        // the auditor's pages over the five dates, two rows at a time, hold this claim's rows in the same order
        List<JsonNode> ours = new ArrayList<>();
        long after = 0;
        long lastId = 0;
        int pages = 0;
        while (true) {
            JsonNode page = json(get(TOKENS.token("AUDITOR"), "/api/v1/audit/transitions?from={from}&to={to}&after={after}&limit=2",
                    SETTLED.toString(), SETTLED.plusDays(4).toString(), String.valueOf(after)), HttpStatus.OK);
            pages++;
            assertThat(page.get("transitions").size()).isBetween(1, 2);
            for (JsonNode row : page.get("transitions")) {
                assertThat(row.get("id").asLong()).isGreaterThan(lastId);
                lastId = row.get("id").asLong();
                LocalDate date = LocalDate.parse(row.get("businessDate").asString());
                assertThat(date).isBetween(SETTLED, SETTLED.plusDays(4));
                if (row.get("claimId").asString().equals(id)) {
                    ours.add(row);
                }
            }
            if (page.get("next").isNull()) {
                break;
            }
            after = page.get("next").asLong();
            assertThat(after).isEqualTo(lastId);
        }
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(ours).containsExactlyElementsOf(claimTrail);
        JsonNode none = json(get(TOKENS.token("AUDITOR"), "/api/v1/audit/transitions?from=2000-01-01&to=2000-01-31"), HttpStatus.OK);
        assertThat(none.get("transitions")).isEmpty();
        assertThat(none.get("next").isNull()).isTrue();
    }

    @Test
    void onlyAuditorsReadTheWholeTrailAndOfficersAndAuditorsAClaimsTrail() {
        String whole = "/api/v1/audit/transitions?from=2026-12-01&to=2026-12-31";
        String ofClaim = "/api/v1/claims/{id}/transitions";
        for (String token : List.of(TOKENS.token("OFFICER"), TOKENS.token("APPROVER"), TOKENS.bankToken(BANK),
                TOKENS.firmToken(LoanStories.uscc(7_300_001)))) {
            assertProblem(get(token, whole), HttpStatus.FORBIDDEN);
        }
        for (String token : List.of(TOKENS.token("APPROVER"), TOKENS.bankToken(BANK), TOKENS.firmToken(LoanStories.uscc(7_300_001)))) {
            assertProblem(get(token, ofClaim, lydClaimId(BANK, "a1")), HttpStatus.FORBIDDEN);
        }
        assertProblem(get(null, whole), HttpStatus.UNAUTHORIZED);
        String auditor = TOKENS.token("AUDITOR");
        assertProblem(get(auditor, ofClaim, "no-such-claim"), HttpStatus.NOT_FOUND);
        assertThat(problemDetail(get(auditor, "/api/v1/audit/transitions?from=2026-12-31&to=2026-12-01"), HttpStatus.BAD_REQUEST))
                .isEqualTo("'to' (2026-12-01) is before 'from' (2026-12-31)");
        assertThat(problemDetail(get(auditor, whole + "&limit=1001"), HttpStatus.BAD_REQUEST)).isEqualTo("limit must be 1–1000");
        assertThat(problemDetail(get(auditor, "/api/v1/audit/transitions?to=2026-12-31"), HttpStatus.BAD_REQUEST))
                .isEqualTo("the parameter 'from' is missing");
    }

    private ResponseEntity<String> get(String token, String path, Object... variables) {
        return api(token).get().uri(path, variables).retrieve().toEntity(String.class);
    }

    private static JsonNode json(ResponseEntity<String> answer, HttpStatus status) {
        assertThat(answer.getStatusCode()).as(answer.toString()).isEqualTo(status);
        return JSON.readTree(answer.getBody());
    }
}
