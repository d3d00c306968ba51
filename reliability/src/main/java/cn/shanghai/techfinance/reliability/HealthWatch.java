package cn.shanghai.techfinance.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a service's health said while a fault lasted, as the operator on call would see it: its
 * actuator's {@code /actuator/health} looked at twice a second, each change of the status and of
 * the components not UP kept with the second it was first seen. A service that does not answer is
 * "no answer".
 */
final class HealthWatch implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration EVERY = Duration.ofMillis(500);

    /** A state seen first {@code atSeconds} after the watch began. */
    record Seen(double atSeconds, String state) {
    }

    private final String service;
    private final HttpClient http;
    private final URI health;
    private final long began = System.nanoTime();
    private final List<Seen> seen = new ArrayList<>();
    private final Thread watcher;
    private volatile boolean stopped;

    HealthWatch(String service, HttpClient http, int managementPort) {
        this.service = service;
        this.http = http;
        this.health = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health");
        this.watcher = new Thread(this::watch, "health-" + service);
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch() {
        while (!stopped) {
            String state = state();
            synchronized (seen) {
                if (seen.isEmpty() || !seen.get(seen.size() - 1).state().equals(state)) {
                    seen.add(new Seen((System.nanoTime() - began) / 1e9, state));
                }
            }
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** "UP", or the status with the components not UP: "DOWN (db)", "OUT_OF_SERVICE (kafka, ledger)". */
    private String state() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            String status = body.path("status").asString("HTTP " + response.statusCode());
            TreeSet<String> notUp = new TreeSet<>();
            for (Map.Entry<String, JsonNode> component : body.path("components").properties()) {
                if (!"UP".equals(component.getValue().path("status").asString())) {
                    notUp.add(component.getKey());
                }
            }
            return notUp.isEmpty() ? status : status + " (" + String.join(", ", notUp) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no answer";
        } catch (Exception e) {
            return "no answer";
        }
    }

    /** Whether a state other than UP was seen: the degradation showed. */
    boolean sawDegraded() {
        synchronized (seen) {
            return seen.stream().anyMatch(s -> !s.state().equals("UP"));
        }
    }

    /** Its health as it changed, relative to {@code zeroNanos} (the fault's start): "intake-service health: UP; DOWN (db) at +0.5 s; UP at +33.0 s". */
    String describe(long zeroNanos) {
        double offset = (zeroNanos - began) / 1e9;
        StringBuilder text = new StringBuilder(service).append(" health:");
        synchronized (seen) {
            for (int i = 0; i < seen.size(); i++) {
                Seen s = seen.get(i);
                text.append(i == 0 ? " " : "; ").append(s.state());
                if (i > 0) {
                    text.append(String.format(" at %+.1f s", s.atSeconds() - offset));
                }
            }
        }
        return text.toString();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        watcher.interrupt();
        watcher.join();
    }
}
