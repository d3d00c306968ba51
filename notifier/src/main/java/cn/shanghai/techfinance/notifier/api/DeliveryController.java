package cn.shanghai.techfinance.notifier.api;

import cn.shanghai.techfinance.notifier.delivery.Channel;
import cn.shanghai.techfinance.notifier.delivery.DeliveryEntry;
import cn.shanghai.techfinance.notifier.delivery.DeliveryLedger;
import cn.shanghai.techfinance.notifier.delivery.DeliveryStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The delivery ledger for officers: what was sent to whom, how many calls it took, what is parked
 * ({@code GET /api/v1/deliveries?status=PARKED}), and redelivery of a parked delivery
 * ({@code POST /api/v1/deliveries/{id}/redelivery}).
 */
@RestController
@RequestMapping("/api/v1/deliveries")
@Tag(name = "deliveries", description = "The delivery ledger (投递记录) and redelivery of parked deliveries")
public class DeliveryController {

    private static final int MAX_PAGE = 1000;

    private final DeliveryLedger ledger;
    private final Clock clock;

    public DeliveryController(DeliveryLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Deliveries matching every criterion given, in ledger order",
            description = "Page with afterId = the last id seen; limit up to 1000")
    public List<DeliveryEntry> find(@RequestParam(required = false) String recipient,
                                    @RequestParam(required = false) Channel channel,
                                    @RequestParam(required = false) String eventId,
                                    @RequestParam(required = false) DeliveryStatus status,
                                    @RequestParam(defaultValue = "0") long afterId,
                                    @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1–" + MAX_PAGE);
        }
        return ledger.find(recipient, channel, eventId, status, afterId, limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One delivery")
    public DeliveryEntry get(@PathVariable long id) {
        return ledger.find(id).orElseThrow(() -> notFound(id));
    }

    @PostMapping("/{id}/redelivery")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a parked delivery again", description = "202: pending again, with a fresh retry budget; "
            + "409: it is not parked (a delivered one is never sent twice)")
    public DeliveryEntry redeliver(@PathVariable long id) {
        if (!ledger.redeliver(id, clock.instant())) {
            DeliveryEntry entry = ledger.find(id).orElseThrow(() -> notFound(id));
            throw new ResponseStatusException(HttpStatus.CONFLICT, "delivery " + id + " is " + entry.status() + ", not PARKED");
        }
        return ledger.find(id).orElseThrow(() -> notFound(id));
    }

    private static ResponseStatusException notFound(long id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no delivery " + id);
    }
}
