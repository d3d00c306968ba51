package cn.shanghai.techfinance.reliability;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Intake under a burst: the consumer group's lag and intake's heap (its actuator's
 * {@code jvm.memory.used}, area heap) sampled each second while every bank sends all it has at once,
 * so that the lag's rise and drain and the heap's peak can be told.
 */
final class BurstWatch implements AutoCloseable {

    private static final Duration EVERY = Duration.ofSeconds(1);

    /** The peaks seen: the lag's (in records) and when, when it was next 0, the heap's used and its limit (bytes). */
    record Peaks(long lag, double lagAtSeconds, double drainedAtSeconds, long heapUsed, long heapMax, int samples) {
    }

    private final LongSupplier lag;
    private final HttpClient http;
    private final String metrics;
    private final long began = System.nanoTime();
    private final Thread sampler;
    private volatile boolean stopped;
    private volatile long peakLag;
    private volatile double peakLagAt;
    private volatile double drainedAt = -1;
    private volatile long peakHeap;
    private volatile long heapMax;
    private volatile int samples;

    BurstWatch(LongSupplier lag, HttpClient http, int intakeManagementPort) {
        this.lag = lag;
        this.http = http;
        this.metrics = "http://127.0.0.1:" + intakeManagementPort + "/actuator/metrics/";
        this.sampler = new Thread(this::sample, "burst-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (!stopped) {
            try {
                double at = (System.nanoTime() - began) / 1e9;
                long records = lag.getAsLong();
                if (records > peakLag) {
                    peakLag = records;
                    peakLagAt = at;
                    drainedAt = -1;
                } else if (records == 0 && peakLag > 0 && drainedAt < 0) {
                    drainedAt = at;
                }
                peakHeap = Math.max(peakHeap, heap("jvm.memory.used"));
                heapMax = Math.max(heapMax, heap("jvm.memory.max"));
                samples++;
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // a sample missed (intake busy past the timeout): the next one counts
            }
        }
    }

    private long heap(String metric) throws Exception {
        return (long) ApiCall.measurement(http, metrics + metric + "?tag=area:heap", Duration.ofSeconds(2));
    }

    Peaks peaks() {
        return new Peaks(peakLag, peakLagAt, drainedAt, peakHeap, heapMax, samples);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        sampler.interrupt();
        sampler.join();
    }
}
