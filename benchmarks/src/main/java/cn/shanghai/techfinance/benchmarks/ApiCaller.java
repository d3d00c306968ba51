package cn.shanghai.techfinance.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One caller of a service's HTTP API (its bearer token, each call within {@code timeout}), as the stages drive subsidy-batch: an unexpected status fails. */
record ApiCaller(HttpClient http, String base, String token, Duration timeout) {

    /** {@code json} null: no body. Answers the body of a response of status {@code expected}. */
    String call(String method, String path, String json, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .timeout(timeout);
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
