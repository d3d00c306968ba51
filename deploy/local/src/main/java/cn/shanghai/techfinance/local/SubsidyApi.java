package cn.shanghai.techfinance.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** subsidy-batch's HTTP API, as the local run uses it: nights and the claims export. */
final class SubsidyApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final String baseUrl;
    private final String token;

    /** {@code token}: the bearer token it calls with (an officer's). */
    SubsidyApi(HttpClient http, String baseUrl, String token) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token);
    }

    /** Runs the night of {@code date} and waits for its end; fails unless it completed. */
    void runNight(LocalDate date) throws IOException, InterruptedException {
        HttpResponse<String> started = http.send(request("/api/v1/runs/nightly?date=" + date)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("the night of " + date + " did not start: HTTP " + started.statusCode() + " " + started.body());
        }
        long executionId = JSON.readTree(started.body()).get("executionId").longValue();
        while (true) {
            JsonNode run = JSON.readTree(http.send(request("/api/v1/runs/" + executionId).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
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

    String claimsCsv(LocalDate through) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/api/v1/claims/export?through=" + through)
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("claims export failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
