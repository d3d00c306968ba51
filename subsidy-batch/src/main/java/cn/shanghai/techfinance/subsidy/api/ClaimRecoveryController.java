package cn.shanghai.techfinance.subsidy.api;

import cn.shanghai.techfinance.subsidy.api.BankClaimsController.BankClaimView;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.lifecycle.Recoveries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** 追回登记: an officer records that a firm paid back a clawed-back subsidy. */
@RestController
@RequestMapping("/api/v1/claims")
@Tag(name = "claims")
public class ClaimRecoveryController {

    static final int MAX_REFERENCE = 64;

    private final Recoveries recoveries;
    private final BusinessClock businessClock;

    public ClaimRecoveryController(Recoveries recoveries, BusinessClock businessClock) {
        this.recoveries = recoveries;
        this.businessClock = businessClock;
    }

    /** What the officer recovered with: the bank transfer's or the receipt's reference (optional). */
    public record RecoveryRequest(String reference) {
    }

    @PostMapping("/{claimId}/recovery")
    @Operation(summary = "Record that a clawed-back subsidy was paid back (CLAWBACK_DUE → RECOVERED)",
            description = "Optional body {\"reference\":\"…\"} (at most 64 characters), kept in the audit trail. Answers the claim; "
                    + "a claim already RECOVERED is answered unchanged; a claim in another state is refused (409, its state named).")
    public BankClaimView recover(@PathVariable String claimId, @RequestBody(required = false) RecoveryRequest body) {
        String reference = body == null || body.reference() == null || body.reference().isBlank() ? null : body.reference().strip();
        if (reference != null && reference.length() > MAX_REFERENCE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'reference' must be at most " + MAX_REFERENCE + " characters");
        }
        return recoveries.record(claimId, Actors.current(businessClock, reference)).map(BankClaimView::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no claim " + claimId));
    }
}
