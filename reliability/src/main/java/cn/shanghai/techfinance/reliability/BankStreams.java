package cn.shanghai.techfinance.reliability;

import cn.shanghai.techfinance.benchmarks.Traffic;
import cn.shanghai.techfinance.local.LocalAccess;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The banks (and the credit platform) sending the traffic's lines in a given order, each as its own
 * principal to its own topic, keyed as the local run keys them (by firm), as a bank's producer would
 * (acks=all, idempotent): in a thread of its own, so that intake can be crashed while they stream.
 */
final class BankStreams {

    private final Thread sender;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long startedNanos;
    private volatile boolean sent;
    private volatile long sentNanos;

    /** Starts sending {@code traffic}'s lines at the indexes {@code order}, in that order (an index may repeat: a duplicate). */
    BankStreams(LocalAccess access, Traffic traffic, List<Integer> order) {
        traffic.profile.bankCodes().forEach(access::onboard);
        sender = new Thread(() -> send(access, traffic, order), "reliability-banks");
        sender.setDaemon(true);
        sender.start();
    }

    private void send(LocalAccess access, Traffic traffic, List<Integer> order) {
        Map<String, KafkaProducer<String, byte[]>> producers = new HashMap<>();
        try {
            // every bank logged in and connected first, as banks' producers are long-lived: the clock is of the sending alone
            for (int i : order) {
                producers.computeIfAbsent(traffic.principals.get(i), principal -> producer(access, principal));
            }
            for (Map.Entry<String, KafkaProducer<String, byte[]>> producer : producers.entrySet()) {
                producer.getValue().partitionsFor(traffic.topics.get(traffic.principals.indexOf(producer.getKey())));
            }
            startedNanos = System.nanoTime();
            for (int i : order) {
                producers.get(traffic.principals.get(i))
                        .send(new ProducerRecord<>(traffic.topics.get(i), traffic.keys.get(i), traffic.lines.get(i)), (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
            }
            producers.values().forEach(KafkaProducer::flush);
            sentNanos = System.nanoTime();
            sent = true;
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            producers.values().forEach(KafkaProducer::close);
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
        return sent;
    }
}
