package cn.shanghai.techfinance.local;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * subsidy-batch's HTTP API, as the local run uses it: nights, the business clock, the banks' claims
 * and the claims export as the run's own officer; and any call with a token of its caller's, for
 * the actions of a replay.
 */
final class SubsidyApi {

    /** Amounts as the API writes them, 2 decimals kept: never through a double. */
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static final String APPLICATION_JSON = "application/json";
    private static final int PAGE = 1000;

    private final HttpClient http;
    private final URI base;
    private final String token;

    /** {@code token}: the bearer token it calls with (an officer's). */
    SubsidyApi(HttpClient http, String baseUrl, String token) {
        this.http = http;
        this.base = URI.create(baseUrl);
        this.token = token;
    }

    /** An answer of the API: its status, its body, and where it points ({@code Location}), if anywhere. */
    record Answer(int status, String body, Optional<String> location) {

        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        /** Why the API refused: the problem's {@code detail} (RFC 9457), else what the body says. */
        String reason() {
            try {
                JsonNode problem = JSON.readTree(body);
                if (problem != null && problem.isObject() && problem.get("detail") != null && problem.get("detail").isString()) {
                    return problem.get("detail").stringValue();
                }
            } catch (JacksonException notJson) {
                // a plain body: said as it is below
            }
            String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
            return text.isEmpty() ? "HTTP " + status : text.length() > 200 ? text.substring(0, 200) + "…" : text;
        }
    }

    /**
     * One call as {@code bearer}; {@code pathOrUrl} relative to the API's base (a {@code Location}
     * may be either); {@code body} null for none.
     */
    Answer call(String bearer, String method, String pathOrUrl, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathOrUrl)).header("Authorization", "Bearer " + bearer)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Location"));
    }

    /** A call as the run's own officer. */
    Answer call(String method, String pathOrUrl, String contentType, String body) throws IOException, InterruptedException {
        return call(token, method, pathOrUrl, contentType, body);
    }

    /** Runs the night of {@code date} and waits for its end; fails unless it completed. */
    void runNight(LocalDate date) throws IOException, InterruptedException {
        Answer started = call("POST", "/api/v1/runs/nightly?date=" + date, null, null);
        if (started.status() != 202) {
            throw new IllegalStateException("the night of " + date + " did not start: HTTP " + started.status() + " " + started.body());
        }
        long executionId = started.json().get("executionId").longValue();
        while (true) {
            JsonNode run = call("GET", "/api/v1/runs/" + executionId, null, null).json();
            String status = run.get("status").stringValue();
            if (status.equals("COMPLETED")) {
                return;
            }
            if (status.equals("FAILED") || status.equals("STOPPED") || status.equals("ABANDONED")) {
                throw new IllegalStateException("the night of " + date + " ended " + status + ": " + run.get("exitDescription"));
            }
            Thread.sleep(Duration.ofMillis(100).toMillis());
        }
    }

    /** Sets the business clock (simulation mode only): people's actions of a replay happen on their date. */
    void setBusinessClock(LocalDate date) throws IOException, InterruptedException {
        Answer answer = call("PUT", "/api/v1/business-clock", APPLICATION_JSON, JSON.createObjectNode().put("date", date.toString()).toString());
        if (!answer.ok()) {
            throw new IllegalStateException("the business clock was not set to " + date + ": HTTP " + answer.status() + " " + answer.reason()
                    + " (subsidy-batch runs in simulation mode in a local run)");
        }
    }

    /** Every claim on a bank's loans, as the bank's view gives them, page by page. */
    List<JsonNode> bankClaims(String bankCode) throws IOException, InterruptedException {
        List<JsonNode> claims = new ArrayList<>();
        String after = null;
        while (true) {
            Answer answer = call("GET", "/api/v1/banks/" + bankCode + "/claims?limit=" + PAGE
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)), null, null);
            if (answer.status() != 200) {
                throw new IllegalStateException("the claims of " + bankCode + " cannot be read: HTTP " + answer.status() + " " + answer.reason());
            }
            JsonNode page = answer.json();
            page.values().forEach(claims::add);
            if (page.size() < PAGE) {
                return claims;
            }
            after = page.get(page.size() - 1).get("claimId").stringValue();
        }
    }

    /**
     * How many claim events the banks' claims have had: each claim's {@code version} is its number
     * of states (1 when computed, one more at each change), and each state is one event.
     */
    long claimEvents(Iterable<String> bankCodes) throws IOException, InterruptedException {
        long events = 0;
        for (String bank : bankCodes) {
            for (JsonNode claim : bankClaims(bank)) {
                JsonNode version = claim.get("version");
                if (version == null || !version.isIntegralNumber()) {
                    throw new IllegalStateException("the bank's claims view gives no \"version\" (claim " + claim.get("claimId")
                            + "): the replay counts the claim events the notifier owes the banks by it");
                }
                events += version.longValue();
            }
        }
        return events;
    }

    String claimsCsv(LocalDate through) throws IOException, InterruptedException {
        Answer answer = call("GET", "/api/v1/claims/export?through=" + through, null, null);
        if (answer.status() != 200) {
            throw new IllegalStateException("claims export failed: HTTP " + answer.status() + " " + answer.body());
        }
        return answer.body();
    }

    /** A sum of money as the API writes it (a number, or a string), with its 2 decimals. */
    static BigDecimal money(JsonNode amount) {
        return (amount.isString() ? new BigDecimal(amount.stringValue()) : amount.decimalValue()).setScale(2);
    }

    /** A path segment (a claim id) as a URL has it. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
