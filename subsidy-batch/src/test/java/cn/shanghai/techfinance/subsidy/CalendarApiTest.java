package cn.shanghai.techfinance.subsidy;

import static cn.shanghai.techfinance.security.ProblemAssertions.assertProblem;
import static cn.shanghai.techfinance.security.ProblemAssertions.problemDetail;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.claims.CalendarStore;
import cn.shanghai.techfinance.subsidy.claims.RuleDataStore;
import cn.shanghai.techfinance.subsidy.rules.ConfirmationWindow;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loading a year of the working-day calendar over real HTTP with real tokens: what an officer's PUT
 * stores and a GET answers, each refusal of a wrong day with the list and the date named, and who
 * may do it. Years after 2026 belong to this test while it runs and are removed around it.
 */
class CalendarApiTest extends EndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String Y2027 = "/api/v1/calendar/2027";
    /** Not the official 2027 notice (unpublished when this was written): days of the right kinds. */
    private static final String BODY_2027 = """
            {"holidays":["2027-01-01","2027-02-08","2027-02-09","2027-02-10","2027-02-11","2027-02-12"],
             "workdays":["2027-02-06","2027-02-20"]}""";

    @Autowired
    CalendarStore calendar;

    @Autowired
    RuleDataStore ruleData;

    @BeforeEach
    @AfterEach
    void onlyTheSeededYears() {
        jdbc.update("DELETE FROM calendar_day WHERE calendar_year > ?", 2026);
        jdbc.update("DELETE FROM calendar_year WHERE calendar_year > ?", 2026);
    }

    @Test
    void anOfficerLoadsAYearAndItIsWhatDeadlinesInItCountWith() {
        assertProblem(get(TOKENS.token("OFFICER"), Y2027), HttpStatus.NOT_FOUND);

        JsonNode stored = json(put(TOKENS.token("OFFICER"), Y2027, BODY_2027), HttpStatus.OK);
        assertThat(stored.get("year").asInt()).isEqualTo(2027);
        assertThat(texts(stored.get("holidays"))).containsExactly("2027-01-01", "2027-02-08", "2027-02-09", "2027-02-10",
                "2027-02-11", "2027-02-12");
        assertThat(texts(stored.get("workdays"))).containsExactly("2027-02-06", "2027-02-20");
        assertThat(stored.get("loadedBy").asString()).isNotBlank();

        for (String token : List.of(TOKENS.token("OFFICER"), TOKENS.token("AUDITOR"))) {
            JsonNode read = json(get(token, Y2027), HttpStatus.OK);
            assertThat(read.get("holidays")).isEqualTo(stored.get("holidays"));
            assertThat(read.get("workdays")).isEqualTo(stored.get("workdays"));
        }

        var parameters = ruleData.versions().forTriggerDate(LocalDate.of(2027, 1, 1)).orElseThrow();
        // published Wed 2026-12-30 → Thu 12-31, Fri 01-01 off, Mon 01-04, Tue 01-05
        assertThat(ConfirmationWindow.lastDay(LocalDate.of(2026, 12, 30), calendar.from(LocalDate.of(2026, 12, 30)), parameters))
                .isEqualTo(LocalDate.of(2027, 1, 5));
        // published Thu 2027-02-04 → Fri 02-05, Sat 02-06 worked, 02-08…02-12 off, Mon 02-15
        assertThat(ConfirmationWindow.lastDay(LocalDate.of(2027, 2, 4), calendar.from(LocalDate.of(2027, 2, 4)), parameters))
                .isEqualTo(LocalDate.of(2027, 2, 15));

        // a second load replaces the year whole
        JsonNode replaced = json(put(TOKENS.token("OFFICER"), Y2027, """
                {"holidays":["2027-01-01"],"workdays":[]}"""), HttpStatus.OK);
        assertThat(texts(replaced.get("holidays"))).containsExactly("2027-01-01");
        assertThat(replaced.get("workdays")).isEmpty();
        assertThat(calendar.year(2027).orElseThrow().calendar().workdays()).isEmpty();
    }

    @Test
    void theSeededYearsReadAsLoaded() {
        JsonNode y2026 = json(get(TOKENS.token("AUDITOR"), "/api/v1/calendar/2026"), HttpStatus.OK);
        assertThat(texts(y2026.get("workdays"))).containsExactly("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09",
                "2026-09-20", "2026-10-10");
        assertThat(y2026.get("loadedBy").asString()).isEqualTo("migration V4");
    }

    @Test
    void eachWrongDayIsRefusedWithTheListAndTheDateNamedAndNothingIsStored() {
        String officer = TOKENS.token("OFFICER");
        assertThat(detail(put(officer, Y2027, """
                {"holidays":["2026-12-31"],"workdays":[]}"""))).isEqualTo("'holidays': 2026-12-31 is not in 2027");
        assertThat(detail(put(officer, Y2027, """
                {"holidays":[],"workdays":["2028-01-01"]}"""))).isEqualTo("'workdays': 2028-01-01 is not in 2027");
        assertThat(detail(put(officer, Y2027, """
                {"holidays":["2027-02-06"],"workdays":[]}"""))).startsWith("'holidays': 2027-02-06 is a Saturday");
        assertThat(detail(put(officer, Y2027, """
                {"holidays":[],"workdays":["2027-02-08"]}"""))).startsWith("'workdays': 2027-02-08 is a Monday");
        assertThat(detail(put(officer, Y2027, """
                {"holidays":["2027-02-08"],"workdays":["2027-02-08"]}""")))
                .startsWith("'workdays': 2027-02-08 is also in 'holidays'");
        assertThat(detail(put(officer, Y2027, """
                {"holidays":["2027-01-01","2027-13-01"],"workdays":[]}""")))
                .isEqualTo("'holidays[1]' must be a date (YYYY-MM-DD), not '2027-13-01'");
        assertThat(detail(put(officer, Y2027, """
                {"holidays":[],"workdays":["6 Feb 2027"]}""")))
                .isEqualTo("'workdays[0]' must be a date (YYYY-MM-DD), not '6 Feb 2027'");
        assertThat(detail(put(officer, Y2027, """
                {"holidays":["2027-01-01"]}"""))).startsWith("'workdays' is missing");
        assertThat(detail(put(officer, "/api/v1/calendar/twenty", BODY_2027)))
                .isEqualTo("the path segment 'year' must be a whole number, not 'twenty'");
        assertThat(calendar.year(2027)).isEmpty();
    }

    @Test
    void onlyAnOfficerLoadsAYearAndAnAuditorReadsIt() {
        assertProblem(put(TOKENS.token("AUDITOR"), Y2027, BODY_2027), HttpStatus.FORBIDDEN);
        String noRole = TOKENS.mint(List.of(), null, null, "someone", Duration.ofMinutes(5));
        for (String token : List.of(TOKENS.bankToken("ACL-SH"), TOKENS.firmToken(LoanStoriesAccess.uscc(9_990_001)),
                TOKENS.token("APPROVER"), noRole)) {
            assertProblem(put(token, Y2027, BODY_2027), HttpStatus.FORBIDDEN);
            assertProblem(get(token, "/api/v1/calendar/2026"), HttpStatus.FORBIDDEN);
        }
        for (String token : Arrays.asList((String) null)) {
            assertProblem(put(token, Y2027, BODY_2027), HttpStatus.UNAUTHORIZED);
            assertProblem(get(token, "/api/v1/calendar/2026"), HttpStatus.UNAUTHORIZED);
        }
        assertThat(calendar.year(2027)).isEmpty();
        assertThat(put(TOKENS.token("OFFICER"), Y2027, BODY_2027).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<String> get(String token, String path) {
        return api(token).get().uri(path).retrieve().toEntity(String.class);
    }

    private ResponseEntity<String> put(String token, String path, String body) {
        return api(token).put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static JsonNode json(ResponseEntity<String> answer, HttpStatus status) {
        assertThat(answer.getStatusCode()).as(answer.toString()).isEqualTo(status);
        return JSON.readTree(answer.getBody());
    }

    private static String detail(ResponseEntity<String> answer) {
        return problemDetail(answer, HttpStatus.BAD_REQUEST);
    }
}
