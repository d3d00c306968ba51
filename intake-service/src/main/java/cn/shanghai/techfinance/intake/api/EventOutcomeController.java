package cn.shanghai.techfinance.intake.api;

import cn.shanghai.techfinance.contracts.BankCode;
import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.Violation;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore;
import cn.shanghai.techfinance.intake.ledger.IntakeEventStore.EventKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * One event's outcome, for a bank's integrator: {@code GET /api/v1/events/{source}/{id}}, where the
 * source is {@code bank/<bankCode>}, {@code insurer/<insurerCode>} or {@code credit-platform}, exactly as in the event.
 */
@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "events", description = "Outcomes of inbound events (受理结果)")
public class EventOutcomeController {

    private final IntakeEventStore store;

    public EventOutcomeController(IntakeEventStore store) {
        this.store = store;
    }

    /** What intake decided; {@code awaiting} names the missing parent of a parked event. */
    public record EventOutcomeView(String source, String eventId, String type, String status, List<Violation> violations,
                                   String awaiting, Instant receivedAt, Instant decidedAt) {
    }

    @GetMapping("/bank/{bankCode}/{id}")
    @Operation(summary = "Outcome of an event a bank sent", description = "ACCEPTED, REJECTED (with violations) or PARKED "
            + "(waiting for the document it refers to; rejected as ORPHAN after 7 days)")
    public EventOutcomeView bankEvent(@PathVariable String bankCode, @PathVariable String id) {
        if (!BankCode.isValid(bankCode)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a bank code: " + bankCode);
        }
        return find(EventSource.bank(bankCode), id);
    }

    @GetMapping("/insurer/{insurerCode}/{id}")
    @Operation(summary = "Outcome of an event an insurer sent (科技保险)", description = "As for a bank's event")
    public EventOutcomeView insurerEvent(@PathVariable String insurerCode, @PathVariable String id) {
        if (!BankCode.isValid(insurerCode)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not an insurer code: " + insurerCode);
        }
        return find(EventSource.insurer(insurerCode), id);
    }

    @GetMapping("/credit-platform/{id}")
    @Operation(summary = "Outcome of an event the credit platform sent")
    public EventOutcomeView creditPlatformEvent(@PathVariable String id) {
        return find(EventSource.CREDIT_PLATFORM, id);
    }

    private EventOutcomeView find(String source, String id) {
        return store.outcome(new EventKey(source, id))
                .map(o -> new EventOutcomeView(source, id, o.type(), o.status().name(), o.violations(), o.awaitingKey(),
                        o.receivedAt(), o.decidedAt()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "no event " + id + " from " + source + " has been received"));
    }
}
