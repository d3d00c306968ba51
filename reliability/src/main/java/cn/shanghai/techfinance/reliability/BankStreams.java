package cn.shanghai.techfinance.reliability;

import cn.shanghai.techfinance.benchmarks.Traffic;
import cn.shanghai.techfinance.local.LocalAccess;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The banks (and the credit platform) sending the traffic's lines in a given order, each as its own
 * principal to its own topic, keyed as the local run keys them (by firm), as a bank's producer would
 * (acks=all, idempotent). Each sender in a thread of its own, all at once, so that intake can be
 * crashed while they stream and the burst is as hard as the machine allows; a sender's lines keep
 * the given order (a record key belongs to one sender, so every key's order is kept).
 */
final class BankStreams {

    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch connected;
    private final CountDownLatch start = new CountDownLatch(1);
    private final AtomicInteger sending;
    private volatile long startedNanos;
    private volatile long sentNanos;

    /** Starts sending {@code traffic}'s lines at the indexes {@code order}, in that order (an index may repeat: a duplicate). */
    BankStreams(LocalAccess access, Traffic traffic, List<Integer> order) {
        traffic.profile.bankCodes().forEach(access::onboard);
        Map<String, List<Integer>> bySender = new LinkedHashMap<>();
        for (int i : order) {
            bySender.computeIfAbsent(traffic.principals.get(i), p -> new ArrayList<>()).add(i);
        }
        connected = new CountDownLatch(bySender.size());
        sending = new AtomicInteger(bySender.size());
        bySender.forEach((principal, lines) -> {
            Thread sender = new Thread(() -> send(access, traffic, principal, lines), "reliability-" + principal);
            sender.setDaemon(true);
            sender.start();
        });
        Thread clock = new Thread(this::startWhenConnected, "reliability-banks");
        clock.setDaemon(true);
        clock.start();
    }

    /** Every bank logged in and connected first, as banks' producers are long-lived: the clock is of the sending alone. */
    private void startWhenConnected() {
        try {
            connected.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        startedNanos = System.nanoTime();
        start.countDown();
    }

    private void send(LocalAccess access, Traffic traffic, String principal, List<Integer> lines) {
        try (KafkaProducer<String, byte[]> producer = producer(access, principal)) {
            try {
                producer.partitionsFor(traffic.topics.get(lines.get(0)));
            } finally {
                connected.countDown();
            }
            start.await();
            for (int i : lines) {
                producer.send(new ProducerRecord<>(traffic.topics.get(i), traffic.keys.get(i), traffic.lines.get(i)), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
            if (sending.decrementAndGet() == 0) {
                sentNanos = System.nanoTime();
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    private static KafkaProducer<String, byte[]> producer(LocalAccess access, String principal) {
        return new KafkaProducer<>(access.login(principal).with(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024)));
    }

    /** Seconds from the first line sent to the last acknowledged (once {@link #allSent}). */
    double sendSeconds() {
        return (sentNanos - startedNanos) / 1e9;
    }

    /** Whether every line is on the broker (acknowledged); fails if a send failed. */
    boolean allSent() {
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("a bank's send failed: " + error, error);
        }
        return sending.get() == 0;
    }
}
