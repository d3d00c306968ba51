package cn.shanghai.techfinance.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The notifier's delivery ledger over HTTP, as the local run reads it. */
final class NotifierApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PAGE = 1000;

    private final HttpClient http;
    private final String baseUrl;
    private final String token;

    /** {@code token}: the bearer token it calls with (an officer's). */
    NotifierApi(HttpClient http, String baseUrl, String token) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.token = token;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token);
    }

    /** One row of the delivery ledger. */
    record Delivery(long id, String recipient, String channel, String eventId, String status, int attempts) {
    }

    /** Every delivery, in ledger order. */
    List<Delivery> all() throws IOException, InterruptedException {
        List<Delivery> all = new ArrayList<>();
        long afterId = 0;
        while (true) {
            JsonNode page = JSON.readTree(http.send(request("/api/v1/deliveries?limit=" + PAGE + "&afterId=" + afterId).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode d : page) {
                all.add(new Delivery(d.get("id").longValue(), d.get("recipient").stringValue(), d.get("channel").stringValue(),
                        d.get("eventId").stringValue(), d.get("status").stringValue(), d.get("attempts").intValue()));
                afterId = d.get("id").longValue();
            }
            if (page.size() < PAGE) {
                return all;
            }
        }
    }

    /**
     * Waits until the notifier owes each bank at least {@code bankResults} results and nothing is
     * pending any more (delivered, parked, or waiting for a firm's contact address).
     */
    List<Delivery> awaitSettled(long bankResults, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Delivery> all = all();
            long results = all.stream().filter(d -> d.channel().equals("KAFKA")).count();
            boolean pending = all.stream().anyMatch(d -> d.status().equals("PENDING"));
            if (results >= bankResults && !pending) {
                return all;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the notifier did not settle within " + timeout.toMinutes() + " minutes: "
                        + results + " of " + bankResults + " bank results, pending " + pending);
            }
            Thread.sleep(500);
        }
    }
}
