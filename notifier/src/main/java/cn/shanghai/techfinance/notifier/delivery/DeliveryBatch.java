package cn.shanghai.techfinance.notifier.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A lane's deliveries sent together through a {@link BatchChannelSender}. Each {@link #call()}
 * sends, in ledger order, those not accepted yet and not refused for good, and waits for all their
 * answers; so a retry sends again only what the previous call did not get accepted.
 */
final class DeliveryBatch {

    private final BatchChannelSender sender;
    private final List<DueDelivery> deliveries;
    private final List<DueDelivery> open;
    private final List<DueDelivery> accepted = new ArrayList<>();
    private final Map<Long, Integer> calls = new HashMap<>();
    /** Calls whose answer for the delivery never came (refused, timed out): they spend nothing of its budget. */
    private final Map<Long, Integer> unanswered = new HashMap<>();
    private final Map<Long, RuntimeException> failures = new HashMap<>();

    DeliveryBatch(BatchChannelSender sender, List<DueDelivery> deliveries) {
        this.sender = sender;
        this.deliveries = List.copyOf(deliveries);
        this.open = new ArrayList<>(deliveries);
    }

    int size() {
        return deliveries.size();
    }

    /**
     * One call. Throws, if any delivery is left open, the failure of the first that may still pass
     * ({@link EndpointUnavailable}: retried), else of the first refused for good.
     */
    void call() {
        List<CompletableFuture<?>> answers = new ArrayList<>(open.size());
        for (DueDelivery delivery : open) {
            CompletableFuture<?> answer;
            try {
                answer = sender.start(delivery);
                calls.merge(delivery.id(), 1, Integer::sum);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e); // refused before any call (e.g. its payload unreadable)
            }
            answers.add(answer);
        }
        long deadline = System.nanoTime() + sender.answerTimeout().toNanos();
        RuntimeException retryable = null;
        RuntimeException refused = null;
        List<DueDelivery> stillOpen = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            DueDelivery delivery = open.get(i);
            RuntimeException failure = await(answers.get(i), deadline);
            if (failure == null) {
                accepted.add(delivery);
                failures.remove(delivery.id());
                continue;
            }
            failures.put(delivery.id(), failure);
            if (failure instanceof EndpointUnavailable unavailable && unavailable.unreachable()) {
                unanswered.merge(delivery.id(), 1, Integer::sum);
            }
            if (failure instanceof DeliveryRejected) {
                refused = refused == null ? failure : refused;
            } else {
                retryable = retryable == null ? failure : retryable;
                stillOpen.add(delivery);
            }
        }
        open.clear();
        open.addAll(stillOpen);
        if (retryable != null) {
            throw retryable;
        }
        if (refused != null) {
            throw refused;
        }
    }

    private RuntimeException await(CompletableFuture<?> answer, long deadline) {
        try {
            answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() instanceof RuntimeException failure ? failure
                    : new EndpointUnavailable("the send failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            return new EndpointUnavailable("no answer within " + sender.answerTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new EndpointUnavailable("interrupted while waiting for the answer", e);
        }
    }

    /** The deliveries accepted, in ledger order. */
    List<DueDelivery> accepted() {
        return accepted;
    }

    /** The deliveries not accepted, in ledger order. */
    List<DueDelivery> notAccepted() {
        Set<Long> done = accepted.stream().map(DueDelivery::id).collect(Collectors.toSet());
        return deliveries.stream().filter(d -> !done.contains(d.id())).toList();
    }

    /** The calls that sent this delivery. */
    int calls(DueDelivery delivery) {
        return calls.getOrDefault(delivery.id(), 0);
    }

    /** The calls that sent this delivery and spend its retry budget: all but those that reached nothing ({@link EndpointUnavailable#unreachable}). */
    int spent(DueDelivery delivery) {
        return calls(delivery) - unanswered.getOrDefault(delivery.id(), 0);
    }

    /** Why the delivery was not accepted at its last call; null if no call sent it. */
    RuntimeException failure(DueDelivery delivery) {
        return failures.get(delivery.id());
    }
}
