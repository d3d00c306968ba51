package cn.shanghai.techfinance.local;

import cn.shanghai.techfinance.contracts.EventSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The intake service's HTTP API, as the local run uses it. */
final class IntakeApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final String baseUrl;
    private final String token;

    /** {@code token}: the bearer token it calls with (an officer's). */
    IntakeApi(HttpClient http, String baseUrl, String token) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token);
    }

    /** ACCEPTED, REJECTED or PARKED; empty if intake has not seen the event. */
    Optional<String> status(String source, String id) {
        String path = EventSource.bankCode(source).map(code -> "/api/v1/events/bank/" + code + "/")
                .orElse("/api/v1/events/credit-platform/") + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        try {
            HttpResponse<String> response = http.send(request(path).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode body = JSON.readTree(response.body());
            return Optional.of(body.get("status").stringValue());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
