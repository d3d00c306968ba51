package cn.shanghai.techfinance.notifier.api;

import cn.shanghai.techfinance.notifier.delivery.Channel;
import cn.shanghai.techfinance.notifier.delivery.DeliveryEntry;
import cn.shanghai.techfinance.notifier.delivery.DeliveryLedger;
import cn.shanghai.techfinance.notifier.delivery.DeliveryStatus;
import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * ({@code POST /api/v1/deliveries/{id}/redelivery}). A bank reads only the deliveries to it (its
 * results topic, its webhook), a firm only its own e-mails: the recipient is their code.
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
            description = "Page with afterId = the last id seen; limit up to 1000. A bank or firm sees only its own "
                    + "(recipient: its bank code or USCC, the default for it; another's is refused with 403)")
    public List<DeliveryEntry> find(@RequestParam(required = false) String recipient,
                                    @RequestParam(required = false) Channel channel,
                                    @RequestParam(required = false) String eventId,
                                    @RequestParam(required = false) DeliveryStatus status,
                                    @RequestParam(defaultValue = "0") long afterId,
                                    @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1–" + MAX_PAGE);
        }
        Caller caller = Caller.current();
        if (!caller.readsEverything()) {
            Set<String> own = ownRecipients(caller);
            if (recipient == null && own.size() == 1) {
                recipient = own.iterator().next();
            } else if (!own.contains(recipient)) {
                throw notYours();
            }
        }
        return ledger.find(recipient, channel, eventId, status, afterId, limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One delivery", description = "A bank or firm: only one of its own (another's is refused with 403)")
    public DeliveryEntry get(@PathVariable long id) {
        DeliveryEntry entry = ledger.find(id).orElseThrow(() -> notFound(id));
        Caller caller = Caller.current();
        if (!caller.readsEverything() && !ownRecipients(caller).contains(entry.recipient())) {
            throw notYours();
        }
        return entry;
    }

    /**
     * The recipients a bank, insurer or firm is: its bank or insurer code (one namespace), its USCC
     * (the ledger's recipient of its deliveries).
     */
    private static Set<String> ownRecipients(Caller caller) {
        Set<String> own = new HashSet<>();
        if (caller.has(Role.BANK) && caller.bankCode() != null) {
            own.add(caller.bankCode());
        }
        if (caller.has(Role.INSURER) && caller.insurerCode() != null) {
            own.add(caller.insurerCode());
        }
        if (caller.has(Role.FIRM) && caller.uscc() != null) {
            own.add(caller.uscc());
        }
        return own;
    }

    private static ResponseStatusException notYours() {
        return new ResponseStatusException(HttpStatus.FORBIDDEN, "a bank, insurer or firm reads only the deliveries to itself");
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
