package cn.shanghai.techfinance.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every service's API tests expect of an error answer (shared through this module's test jar):
 * an RFC 9457 problem of the status, with a title and a reason, and nothing of the service's insides.
 */
public final class ProblemAssertions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemAssertions() {
    }

    public static void assertProblem(ResponseEntity<String> answer, HttpStatus status) {
        assertThat(answer.getStatusCode()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).as(answer.toString()).hasToString("application/problem+json");
        JsonNode problem = JSON.readTree(answer.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(status.value());
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(answer.getBody()).doesNotContainIgnoringCase("exception").doesNotContain("java.", "cn.shanghai", "\tat ", "SQL",
                "trace");
    }

    /** The problem's {@code detail}, once {@link #assertProblem} holds. */
    public static String problemDetail(ResponseEntity<String> answer, HttpStatus status) {
        assertProblem(answer, status);
        return JSON.readTree(answer.getBody()).get("detail").asString();
    }
}
