package cn.shanghai.techfinance.subsidy;

import static cn.shanghai.techfinance.security.ProblemAssertions.assertProblem;
import static cn.shanghai.techfinance.security.ProblemAssertions.problemDetail;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The business clock over HTTP in simulation mode (the tests' and the local run's): an officer sets it, auditors read it. */
class BusinessClockApiTest extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PATH = "/api/v1/business-clock";

    @Autowired
    BusinessClock businessClock;

    private Optional<LocalDate> setBefore;

    @BeforeEach
    void remember() {
        setBefore = businessClock.setDate();
    }

    @AfterEach
    void restore() {
        setBefore.ifPresent(businessClock::set);
    }

    @Test
    void anOfficerSetsTheBusinessDateAndOfficersAndAuditorsReadIt() {
        JsonNode set = json(put(TOKENS.token("OFFICER"), "{\"date\":\"2026-04-01\"}"), HttpStatus.OK);
        assertThat(set.get("date").asString()).isEqualTo("2026-04-01");
        assertThat(set.get("simulation").asBoolean()).isTrue();
        assertThat(businessClock.today()).isEqualTo(LocalDate.of(2026, 4, 1));
        for (String token : List.of(TOKENS.token("OFFICER"), TOKENS.token("AUDITOR"))) {
            assertThat(json(get(token), HttpStatus.OK).get("date").asString()).isEqualTo("2026-04-01");
        }
        assertThat(problemDetail(put(TOKENS.token("OFFICER"), "{}"), HttpStatus.BAD_REQUEST)).isEqualTo("'date' is required (YYYY-MM-DD)");
        assertThat(businessClock.today()).isEqualTo(LocalDate.of(2026, 4, 1));
    }

    @Test
    void noOneElseSetsOrReadsIt() {
        for (String token : List.of(TOKENS.token("FIRM"), TOKENS.firmToken(LoanStories.uscc(7_400_001)), TOKENS.bankToken("CLOCK-SH"),
                TOKENS.token("APPROVER"))) {
            assertProblem(put(token, "{\"date\":\"2030-01-01\"}"), HttpStatus.FORBIDDEN);
            assertProblem(get(token), HttpStatus.FORBIDDEN);
        }
        assertProblem(put(TOKENS.token("AUDITOR"), "{\"date\":\"2030-01-01\"}"), HttpStatus.FORBIDDEN);
        assertThat(businessClock.setDate()).isEqualTo(setBefore);
    }

    private ResponseEntity<String> get(String token) {
        return api(token).get().uri(PATH).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> put(String token, String body) {
        return api(token).put().uri(PATH).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
    }

    private static JsonNode json(ResponseEntity<String> answer, HttpStatus status) {
        assertThat(answer.getStatusCode()).as(answer.toString()).isEqualTo(status);
        return JSON.readTree(answer.getBody());
    }
}
