package cn.shanghai.techfinance.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers what the ledger owes, lane by lane (one recipient by one channel). Each round finds the
 * lanes whose oldest pending delivery is due and, while a worker is free for it, claims the lane's
 * next deliveries in ledger order under one lease ({@link DeliveryLedger#claim}: several instances
 * can run side by side, one lane is worked by one of them at a time). A lane's next claim comes
 * only once its previous one is settled, so a recipient gets its deliveries in ledger order (save
 * a webhook call or mail that must be retried: the rest of its claim goes on without it).
 * <ul>
 *   <li>Kafka: the batch sent at once through one producer and awaited together, one call for
 *       the resilience wrapper; the accepted marked DELIVERED in one statement, and a retry sends
 *       again only the others;</li>
 *   <li>webhook and email: one call per delivery, in turn, each through {@link OutboundResilience}
 *       (the endpoint's retry, circuit breaker, rate limiter, bulkhead); one that must wait comes
 *       first again in the lane's next claim, and does not stop the rest of this one (with the
 *       endpoint down, its open breaker refuses them without a call).</li>
 * </ul>
 * A delivery that is accepted is DELIVERED, never sent again; refused for good
 * ({@link DeliveryRejected}) PARKED at once; otherwise (endpoint unavailable after the retries,
 * breaker open, bulkhead full, rate limit reached) PARKED once the calls made for it reach the
 * channel's retry budget, else PENDING again after {@code retry-later}; with no address registered,
 * NO_CONTACT until the recipient registers one. Kafka lanes and the others have worker pools of
 * their own, so endpoints that fail slowly hold up neither the results topics nor other banks.
 *
 * <p>Every update requires the lease still held, and a lease is renewed before sending (for a
 * webhook or mail, before each call), so a row whose lease ran out is left to whoever claimed it
 * next, never sent by both. The only window for a repeat is a crash after the recipient accepted
 * and before the ledger says so (or one dispatch outlasting the lease): the row is sent again, at
 * the head of its lane, with the same idempotency key.
 */
@Component
public class Dispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryLedger ledger;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final Map<Channel, BatchChannelSender> batchSenders = new EnumMap<>(Channel.class);
    private final OutboundResilience resilience;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Duration lease;
    private final Duration retryLater;
    private final int batchSize;
    private final int callBatchSize;
    private final Pool batchPool;
    private final Pool callPool;

    public Dispatcher(DeliveryLedger ledger, List<ChannelSender> senders, List<BatchChannelSender> batchSenders,
                      OutboundResilience resilience, DeliveryMetrics metrics, Clock clock,
                      @Value("${notifier.dispatch.batch-workers:4}") int batchWorkers,
                      @Value("${notifier.dispatch.workers:8}") int workers,
                      @Value("${notifier.dispatch.batch-size:1000}") int batchSize,
                      @Value("${notifier.dispatch.call-batch-size:20}") int callBatchSize,
                      @Value("${notifier.dispatch.lease:5m}") Duration lease,
                      @Value("${notifier.dispatch.retry-later:5s}") Duration retryLater) {
        this.ledger = ledger;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        batchSenders.forEach(s -> this.batchSenders.put(s.channel(), s));
        this.resilience = resilience;
        this.metrics = metrics;
        this.clock = clock;
        this.lease = lease;
        this.retryLater = retryLater;
        this.batchSize = batchSize;
        this.callBatchSize = callBatchSize;
        this.batchPool = new Pool(batchWorkers, "dispatch-batch-");
        this.callPool = new Pool(workers, "dispatch-");
    }

    @Scheduled(fixedDelayString = "${notifier.dispatch.poll-interval:100ms}")
    public void dispatchDue() {
        int claimed = 0;
        try {
            if (batchPool.full() && callPool.full()) {
                return;
            }
            Instant now = clock.instant();
            for (Lane lane : ledger.dueLanes(now)) {
                boolean batched = batchSenders.containsKey(lane.channel());
                Pool pool = batched ? batchPool : callPool;
                if (pool.full()) {
                    continue;
                }
                List<DueDelivery> due = ledger.claim(lane, batched ? batchSize : callBatchSize, now, now.plus(lease));
                if (!due.isEmpty()) {
                    claimed += due.size();
                    pool.run(batched ? () -> deliverTogether(due) : () -> deliverInTurn(due));
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not claim due deliveries, trying again next round: {}", e.toString());
        } finally {
            metrics.leased(claimed);
        }
    }

    /** A lane's batch through its channel's batch sender: one call for all, retried for those not accepted. */
    private void deliverTogether(List<DueDelivery> claimed) {
        try {
            Instant start = clock.instant();
            List<DueDelivery> held = ledger.renew(claimed, start, start.plus(lease));
            if (held.isEmpty()) {
                return;
            }
            Channel channel = held.get(0).channel();
            BatchChannelSender sender = batchSenders.get(channel);
            DeliveryBatch batch = new DeliveryBatch(sender, held);
            OutboundResilience.Calls calls = resilience.run(channel,
                    new ChannelSender.OutboundCall(sender.endpoint(held.get(0).recipient()), batch.size(), batch::call));
            Instant now = clock.instant();
            byCalls(batch.accepted(), batch).forEach((n, accepted) -> ledger.delivered(accepted, n, now));
            metrics.sent(channel, batch.accepted().size());
            // the rest, grouped by what happened to them: one statement each
            Map<Failed, List<DueDelivery>> parked = new LinkedHashMap<>();
            Map<Failed, List<DueDelivery>> deferred = new LinkedHashMap<>();
            for (DueDelivery delivery : batch.notAccepted()) {
                int spent = batch.spent(delivery);
                RuntimeException reason = batch.failure(delivery) != null ? batch.failure(delivery) : calls.failure();
                boolean park = reason instanceof DeliveryRejected || delivery.budgetSpent() + spent >= resilience.budget(channel);
                (park ? parked : deferred).computeIfAbsent(new Failed(batch.calls(delivery), spent, describe(reason)), k -> new ArrayList<>())
                        .add(delivery);
            }
            parked.forEach((failed, deliveries) -> park(deliveries, failed.calls(), failed.reason()));
            deferred.forEach((failed, deliveries) -> ledger.deferred(deliveries, failed.calls(), failed.spent(), failed.reason(),
                    now.plus(retryLater)));
        } catch (RuntimeException e) {
            // the database was away: the lease runs out and the lane starts again from these rows
            log.warn("{} deliveries not settled, they will be dispatched again after their lease: {}", claimed.size(), e.toString());
        }
    }

    private static Map<Integer, List<DueDelivery>> byCalls(List<DueDelivery> deliveries, DeliveryBatch batch) {
        Map<Integer, List<DueDelivery>> byCalls = new LinkedHashMap<>();
        deliveries.forEach(d -> byCalls.computeIfAbsent(batch.calls(d), k -> new ArrayList<>()).add(d));
        return byCalls;
    }

    /** Deliveries of a batch not accepted after {@code calls} calls, {@code spent} of them spending their budget, for {@code reason}. */
    private record Failed(int calls, int spent, String reason) {
    }

    /**
     * A lane's batch one call at a time, in ledger order. One that must wait does not stop the
     * others: while its endpoint is down they are refused by its open breaker without a call (and
     * wait, their retry budget untouched), and when only it fails they go on; it comes first again
     * in the lane's next claim.
     */
    private void deliverInTurn(List<DueDelivery> claimed) {
        for (int i = 0; i < claimed.size(); i++) {
            DueDelivery leased = claimed.get(i);
            try {
                Optional<DueDelivery> held = ledger.renew(leased, clock.instant().plus(lease));
                if (held.isEmpty()) {
                    return; // the lease ran out while the lane was busy: the whole claim is someone else's now
                }
                if (!deliver(held.get())) {
                    List<DueDelivery> rest = claimed.subList(i + 1, claimed.size());
                    ledger.noContact(rest); // the same recipient: no address for these either
                    return;
                }
            } catch (RuntimeException e) {
                // the database was away (the address lookup, or the ledger update): the lease runs
                // out and the lane starts again from this row
                log.warn("delivery {} not settled, it will be dispatched again after its lease: {}", leased.id(), e.toString());
                return;
            }
        }
    }

    /** Sends one delivery and settles it; false if its recipient has no address registered. */
    private boolean deliver(DueDelivery delivery) {
        Channel channel = delivery.channel();
        Optional<ChannelSender.OutboundCall> call;
        try {
            call = senders.get(channel).prepare(delivery);
        } catch (DeliveryRejected e) {
            park(List.of(delivery), 0, describe(e));
            return true;
        }
        if (call.isEmpty()) {
            ledger.noContact(delivery);
            return false;
        }
        OutboundResilience.Calls calls = resilience.run(channel, call.get());
        RuntimeException failure = calls.failure();
        if (failure == null) {
            ledger.delivered(delivery, calls.made(), clock.instant());
            metrics.sent(channel, 1);
            return true;
        }
        if (failure instanceof DeliveryRejected || delivery.budgetSpent() + calls.spent() >= resilience.budget(channel)) {
            park(List.of(delivery), calls.made(), describe(calls.reason()));
            return true;
        }
        ledger.deferred(delivery, calls.made(), calls.spent(), describe(calls.reason()), clock.instant().plus(retryLater));
        return true;
    }

    private void park(List<DueDelivery> deliveries, int calls, String reason) {
        ledger.parked(deliveries, calls, reason);
        DueDelivery first = deliveries.get(0);
        metrics.parked(first.channel(), deliveries.size());
        if (deliveries.size() == 1) {
            log.warn("delivery {} of {} by {} to {} parked after {} calls: {}", first.id(), first.eventId(), first.channel(),
                    first.recipient(), first.budgetSpent() + calls, reason);
        } else {
            log.warn("{} deliveries by {} to {} (ids {}–{}) parked after {} calls each: {}", deliveries.size(), first.channel(),
                    first.recipient(), first.id(), deliveries.get(deliveries.size() - 1).id(), calls, reason);
        }
    }

    private static String describe(RuntimeException failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    @Override
    public void destroy() throws InterruptedException {
        batchPool.close();
        callPool.close();
    }

    /** Workers that take a lane only when one of them is free, so that no claim waits in a queue while its lease runs. */
    private static final class Pool {

        private final int size;
        private final ExecutorService workers;
        private final AtomicInteger busy = new AtomicInteger();

        Pool(int size, String threadPrefix) {
            this.size = size;
            this.workers = Executors.newFixedThreadPool(size, new CustomizableThreadFactory(threadPrefix));
        }

        boolean full() {
            return busy.get() >= size;
        }

        void run(Runnable task) {
            busy.incrementAndGet();
            workers.execute(() -> {
                try {
                    task.run();
                } finally {
                    busy.decrementAndGet();
                }
            });
        }

        void close() throws InterruptedException {
            workers.shutdown();
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow(); // leased rows come back when their lease ends
            }
        }
    }
}
