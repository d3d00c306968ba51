package cn.shanghai.techfinance.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.Topics;
import cn.shanghai.techfinance.contracts.bank.BankEvent;
import cn.shanghai.techfinance.contracts.bank.FirmDishonestyListed;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP face of intake, over real HTTP on the service's port: one event's outcome for a bank's
 * integrator, health for the platform, counters for the operator (on the management port), and the OpenAPI document.
 */
class EventOutcomeApiTest extends IntakeIntegrationTest {

    @LocalManagementPort
    int managementPort;

    private static final String BANK = "API-SH";
    private static final String SOURCE = EventSource.bank(BANK);

    @Test
    void acceptedEventShowsItsOutcome() {
        // dots in an id are part of it (no file-extension matching on the path)
        List<BankEvent> loan = TestEvents.exampleLoan(BANK, "api.1.", 41);
        send(loan.subList(0, 1));
        assertThat(awaitStatus(SOURCE, "api.1.e1")).isEqualTo("ACCEPTED");

        ResponseEntity<String> response = get("/api/v1/events/bank/" + BANK + "/api.1.e1");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode view = JSON.readTree(response.getBody());
        assertThat(view.get("source").asString()).isEqualTo(SOURCE);
        assertThat(view.get("eventId").asString()).isEqualTo("api.1.e1");
        assertThat(view.get("type").asString()).isEqualTo("loan.applied.v1");
        assertThat(view.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(view.get("violations")).isEmpty();
        assertThat(view.get("awaiting").isNull()).isTrue();
        assertThat(view.get("receivedAt").asString()).isNotBlank();
        assertThat(view.get("decidedAt").asString()).isNotBlank();
    }

    @Test
    void rejectedEventShowsItsViolations() {
        String json = TestEvents.json(TestEvents.exampleLoan(BANK, "api-bad-", 42).get(0))
                .replace("\"termMonths\":12", "\"termMonths\":0");
        sendRaw(Topics.bankEvents(BANK), json);
        assertThat(awaitStatus(SOURCE, "api-bad-e1")).isEqualTo("REJECTED");

        JsonNode view = getJson("/api/v1/events/bank/" + BANK + "/api-bad-e1");
        assertThat(view.get("status").asString()).isEqualTo("REJECTED");
        assertThat(view.get("violations")).hasSize(1);
        JsonNode violation = view.get("violations").get(0);
        assertThat(violation.get("field").asString()).isEqualTo("data.termMonths");
        assertThat(violation.get("code").asString()).isEqualTo("OUT_OF_RANGE");
        assertThat(violation.get("message").asString()).isNotBlank();
    }

    @Test
    void creditPlatformEventHasItsOwnPath() {
        BankEvent listing = TestEvents.creditEvent("api-credit-1", LocalDate.of(2026, 1, 5),
                new FirmDishonestyListed(TestEvents.uscc(43), LocalDate.of(2026, 1, 5)));
        send(List.of(listing));
        assertThat(awaitStatus(EventSource.CREDIT_PLATFORM, listing.id())).isEqualTo("ACCEPTED");

        JsonNode view = getJson("/api/v1/events/credit-platform/api-credit-1");
        assertThat(view.get("source").asString()).isEqualTo(EventSource.CREDIT_PLATFORM);
        assertThat(view.get("type").asString()).isEqualTo("firm.dishonesty-listed.v1");
        assertThat(view.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(get("/api/v1/events/bank/" + BANK + "/api-credit-1").getStatusCode())
                .as("the same id from a bank is another event").isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void unknownEventIsNotFoundWithAClearMessage() {
        ResponseEntity<String> response = get("/api/v1/events/bank/" + BANK + "/no-such-event");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        JsonNode problem = JSON.readTree(response.getBody());
        assertThat(problem.get("status").asInt()).isEqualTo(404);
        assertThat(problem.get("detail").asString()).isEqualTo("no event no-such-event from bank/" + BANK + " has been received");

        ResponseEntity<String> credit = get("/api/v1/events/credit-platform/no-such-event");
        assertThat(credit.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(credit.getBody()).contains("no event no-such-event from credit-platform has been received");
    }

    @Test
    void malformedBankCodeIsABadRequest() {
        for (String code : List.of("icbc-sh", "A", "WAY-TOO-LONG-BANK-CODE", "ICBC_SH")) {
            ResponseEntity<String> response = get("/api/v1/events/bank/" + code + "/e1");
            assertThat(response.getStatusCode()).as(code).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(JSON.readTree(response.getBody()).get("detail").asString()).as(code).isEqualTo("not a bank code: " + code);
        }
    }

    @Test
    void healthIsUpOnTheManagementPortAndTheProbesAlsoOnTheMainPort() {
        ResponseEntity<String> response = management("/actuator/health");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(response.getBody()).get("status").asString()).isEqualTo("UP");
        assertThat(management("/actuator/health/liveness").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(management("/actuator/health/readiness").getStatusCode()).isEqualTo(HttpStatus.OK);
        // the platform's probes need no token; the actuator itself is not on the main port
        assertThat(http(null).get().uri("/livez").retrieve().toEntity(String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http(null).get().uri("/readyz").retrieve().toEntity(String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("/actuator/prometheus").getStatusCode()).as("unlisted on the main port").isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void countersMoveWithTheOutcomes() {
        double acceptedBefore = prometheus("intake_events_total", "outcome=\"accepted\"");
        double rejectedBefore = prometheus("intake_events_total", "outcome=\"rejected\"");
        double parkedBefore = prometheus("intake_events_total", "outcome=\"parked\"");
        double outOfRangeBefore = prometheus("intake_rejections_total", "code=\"OUT_OF_RANGE\"");

        List<BankEvent> loan = TestEvents.exampleLoan(BANK, "api-m-", 44);
        // the approval before its application: parked, then accepted
        send(List.of(loan.get(1), loan.get(0)));
        sendRaw(Topics.bankEvents(BANK), TestEvents.json(TestEvents.exampleLoan(BANK, "api-m-bad-", 45).get(0))
                .replace("\"termMonths\":12", "\"termMonths\":121"));
        assertThat(awaitStatus(SOURCE, "api-m-e2")).isEqualTo("ACCEPTED");
        assertThat(awaitStatus(SOURCE, "api-m-bad-e1")).isEqualTo("REJECTED");

        // counted after commit: wait until the exposition shows them
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(prometheus("intake_events_total", "outcome=\"accepted\"") - acceptedBefore).isGreaterThanOrEqualTo(2);
            assertThat(prometheus("intake_events_total", "outcome=\"rejected\"") - rejectedBefore).isGreaterThanOrEqualTo(1);
            assertThat(prometheus("intake_events_total", "outcome=\"parked\"") - parkedBefore).isGreaterThanOrEqualTo(1);
            assertThat(prometheus("intake_rejections_total", "code=\"OUT_OF_RANGE\"") - outOfRangeBefore).isGreaterThanOrEqualTo(1);
        });
        assertThat(management("/actuator/prometheus").getBody()).contains("intake_events_parked_current");

        JsonNode metric = managementJson("/actuator/metrics/intake.events");
        assertThat(metric.get("name").asString()).isEqualTo("intake.events");
        assertThat(metric.get("availableTags").toString()).contains("accepted", "rejected", "parked", "duplicate");
        assertThat(managementJson("/actuator/metrics/intake.events.parked.current").get("measurements").get(0).get("value").asDouble())
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    void openApiDocumentDescribesTheEventsPaths() {
        ResponseEntity<String> response = get("/v3/api-docs");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode paths = JSON.readTree(response.getBody()).get("paths");
        assertThat(paths.has("/api/v1/events/bank/{bankCode}/{id}")).as(paths.toString()).isTrue();
        assertThat(paths.has("/api/v1/events/credit-platform/{id}")).as(paths.toString()).isTrue();
        assertThat(paths.get("/api/v1/events/bank/{bankCode}/{id}").get("get").get("summary").asString())
                .isEqualTo("Outcome of an event a bank sent");
    }

    private ResponseEntity<String> get(String path) {
        return http().get().uri(path).retrieve().toEntity(String.class);
    }

    /** The management port: open, no token. */
    private ResponseEntity<String> management(String path) {
        return RestClient.builder().baseUrl("http://localhost:" + managementPort)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build()
                .get().uri(path).retrieve().toEntity(String.class);
    }

    private JsonNode managementJson(String path) {
        return JSON.readTree(management(path).getBody());
    }

    /** The value of one series of the Prometheus exposition, 0 while it is absent. */
    private double prometheus(String metric, String label) {
        String body = management("/actuator/prometheus").getBody();
        Matcher m = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(body);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
