package cn.shanghai.techfinance.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Peak memory of each service: heap in use sampled every two seconds from its actuator
 * ({@code jvm.memory.used}, area heap), and the kernel's high-water mark of its resident set
 * ({@code VmHWM} in {@code /proc/<pid>/status}) read at the end.
 */
final class MemoryWatch implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Map<String, Integer> managementPorts;
    private final Map<String, Double> peakHeap = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean stopped;

    MemoryWatch(HttpClient http, Map<String, Integer> managementPorts) {
        this.http = http;
        this.managementPorts = managementPorts;
        this.sampler = new Thread(this::sample, "bench-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (!stopped) {
            managementPorts.forEach((service, port) -> {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/actuator/metrics/jvm.memory.used?tag=area:heap")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        double used = JSON.readTree(response.body()).get("measurements").get(0).get("value").doubleValue();
                        peakHeap.merge(service, used, Math::max);
                    }
                } catch (IOException | RuntimeException e) {
                    // a missed sample: the next one counts
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            });
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** MiB: {@code <service>_peak_heap_mb} and {@code <service>_peak_rss_mb}, for the processes given by id. */
    Map<String, Double> peaks(Map<String, Long> pids) throws IOException {
        Map<String, Double> peaks = new LinkedHashMap<>();
        for (Map.Entry<String, Long> service : pids.entrySet()) {
            String key = service.getKey().replace('-', '_');
            Double heap = peakHeap.get(service.getKey());
            if (heap != null) {
                peaks.put(key + "_peak_heap_mb", heap / (1024 * 1024));
            }
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(service.getValue()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    peaks.put(key + "_peak_rss_mb", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                }
            }
        }
        return peaks;
    }

    @Override
    public void close() {
        stopped = true;
        sampler.interrupt();
    }
}
