package cn.shanghai.techfinance.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A caller of a service's API with a bearer token, and a reader of an actuator's metric. */
record ApiCall(HttpClient http, String base, String token) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** An answer: its status and body. */
    record Answer(int status, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** PUT of a JSON body; fails unless answered 200. */
    void put(String path, String json) throws Exception {
        expect(200, "PUT", path, json);
    }

    /** A call that must be answered {@code status}; answers its body as JSON. {@code json} null: no body. */
    JsonNode expect(int status, String method, String path, String json) throws Exception {
        Answer answer = send(method, path, json);
        if (answer.status() != status) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + answer.status() + " " + answer.body());
        }
        return answer.json();
    }

    /** One call, whatever its answer; {@code json} null: no body. */
    Answer send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).header("Authorization", "Bearer " + token);
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** A metric's first measurement from an actuator's {@code /actuator/metrics/…} URL, or what kept it from being read. */
    static String metric(HttpClient http, String url) {
        try {
            return String.valueOf(measurement(http, url, Duration.ofSeconds(5)));
        } catch (Exception e) {
            return "unread (" + e.getMessage() + ")";
        }
    }

    /** A metric's first measurement from an actuator's {@code /actuator/metrics/…} URL; fails if it cannot be read. */
    static double measurement(HttpClient http, String url, Duration timeout) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode value = JSON.readTree(response.body()).path("measurements").path(0).path("value");
        if (!value.isNumber()) {
            throw new IllegalStateException(url + ": HTTP " + response.statusCode() + ", no measurement");
        }
        return value.asDouble();
    }
}
