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
 * Delivers what the ledger owes. Each round leases the due rows (several instances can run side by
 * side), sends each through {@link OutboundResilience} on a worker pool, and records the result:
 * <ul>
 *   <li>accepted: DELIVERED, never sent again;</li>
 *   <li>refused for good ({@link DeliveryRejected}): PARKED at once;</li>
 *   <li>otherwise (endpoint unavailable after the retries, breaker open, bulkhead full, rate limit
 *       reached): PARKED once the calls made for it reach the channel's retry budget, else
 *       PENDING again after {@code retry-later};</li>
 *   <li>no address registered: NO_CONTACT, until the recipient registers one.</li>
 * </ul>
 * A round does not wait for the previous one: a slow bank holds its own rows, not everyone's. The
 * deliveries of one recipient and channel in a round go one after the other, in ledger order.
 *
 * <p>Each delivery's lease is renewed as its turn in the lane comes, and every update requires
 * the lease still held, so a row whose lease ran out while its lane was busy is left to whoever
 * leased it next, never sent by both. The only window for a repeat is a crash after the recipient
 * accepted and before the ledger says so (or one dispatch outlasting the lease): the row is sent
 * again with the same idempotency key.
 */
@Component
public class Dispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryLedger ledger;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final OutboundResilience resilience;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final int maxInFlight;
    private final Duration lease;
    private final Duration retryLater;
    private final ExecutorService workers;
    private final AtomicInteger inFlight = new AtomicInteger();

    public Dispatcher(DeliveryLedger ledger, List<ChannelSender> senders, OutboundResilience resilience,
                      DeliveryMetrics metrics, Clock clock,
                      @Value("${notifier.dispatch.max-in-flight:200}") int maxInFlight,
                      @Value("${notifier.dispatch.workers:8}") int workers,
                      @Value("${notifier.dispatch.lease:5m}") Duration lease,
                      @Value("${notifier.dispatch.retry-later:5s}") Duration retryLater) {
        this.ledger = ledger;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.resilience = resilience;
        this.metrics = metrics;
        this.clock = clock;
        this.maxInFlight = maxInFlight;
        this.lease = lease;
        this.retryLater = retryLater;
        this.workers = Executors.newFixedThreadPool(workers, new CustomizableThreadFactory("dispatch-"));
    }

    @Scheduled(fixedDelayString = "${notifier.dispatch.poll-interval:200ms}")
    public void dispatchDue() {
        int room = maxInFlight - inFlight.get();
        if (room <= 0) {
            return;
        }
        Instant now = clock.instant();
        List<DueDelivery> due;
        try {
            due = ledger.lease(room, now, now.plus(lease));
        } catch (RuntimeException e) {
            log.warn("could not lease due deliveries, trying again next round: {}", e.toString());
            return;
        }
        metrics.leased(due.size());
        inFlight.addAndGet(due.size());
        for (List<DueDelivery> lane : lanes(due)) {
            workers.execute(() -> lane.forEach(this::deliverOne));
        }
    }

    /** The round's deliveries by (channel, recipient), each lane in ledger order. */
    private static Iterable<List<DueDelivery>> lanes(List<DueDelivery> due) {
        Map<String, List<DueDelivery>> lanes = new LinkedHashMap<>();
        for (DueDelivery d : due) {
            lanes.computeIfAbsent(d.channel() + "/" + d.recipient(), k -> new ArrayList<>()).add(d);
        }
        return lanes.values();
    }

    /** Sends one delivery of a lane, unless its lease ran out while the lane was busy before it. */
    private void deliverOne(DueDelivery leased) {
        try {
            ledger.renew(leased, clock.instant().plus(lease)).ifPresent(this::deliver);
        } catch (RuntimeException e) {
            // the database was away (the address lookup, or the ledger update): the lease runs out
            // and the row is dispatched again
            log.warn("delivery {} not settled, it will be dispatched again after its lease: {}", leased.id(), e.toString());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void deliver(DueDelivery delivery) {
        Channel channel = delivery.channel();
        Optional<ChannelSender.OutboundCall> call;
        try {
            call = senders.get(channel).prepare(delivery);
        } catch (DeliveryRejected e) {
            park(delivery, 0, e);
            return;
        }
        if (call.isEmpty()) {
            ledger.noContact(delivery);
            return;
        }
        OutboundResilience.Calls calls = resilience.run(channel, call.get());
        RuntimeException failure = calls.failure();
        if (failure == null) {
            ledger.delivered(delivery, calls.made(), clock.instant());
            metrics.sent(channel);
        } else if (failure instanceof DeliveryRejected || delivery.budgetSpent() + calls.made() >= resilience.budget(channel)) {
            park(delivery, calls.made(), calls.reason());
        } else {
            ledger.deferred(delivery, calls.made(), describe(calls.reason()), clock.instant().plus(retryLater));
        }
    }

    private void park(DueDelivery delivery, int calls, RuntimeException failure) {
        ledger.parked(delivery, calls, describe(failure));
        metrics.parked(delivery.channel());
        log.warn("delivery {} of {} by {} to {} parked after {} calls: {}", delivery.id(), delivery.eventId(),
                delivery.channel(), delivery.recipient(), delivery.budgetSpent() + calls, describe(failure));
    }

    private static String describe(RuntimeException failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    @Override
    public void destroy() throws InterruptedException {
        workers.shutdown();
        if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
            workers.shutdownNow(); // leased rows come back when their lease ends
        }
    }
}
