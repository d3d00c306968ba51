package cn.shanghai.techfinance.subsidy.api;

import cn.shanghai.techfinance.subsidy.claims.AuditTrail;
import cn.shanghai.techfinance.subsidy.claims.AuditTrail.ClaimTransition;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** 审计轨迹: every change of a claim's state, who made it, when and on which business date. */
@RestController
@Tag(name = "audit", description = "The audit trail of claim transitions")
public class AuditTrailController {

    private static final int MAX_PAGE = 1000;

    private final AuditTrail trail;
    private final ClaimStore claims;

    public AuditTrailController(AuditTrail trail, ClaimStore claims) {
        this.trail = trail;
        this.claims = claims;
    }

    /** One transition; {@code from} is null when the claim was computed, {@code at} the instant (UTC). */
    public record TransitionView(long id, String claimId, long version, String from, String to, String actor,
                                 LocalDate businessDate, Instant at, String reference) {

        static TransitionView of(ClaimTransition t) {
            return new TransitionView(t.id(), t.claimId(), t.version(), t.from() == null ? null : t.from().name(), t.to().name(),
                    t.actor(), t.businessDate(), t.at(), t.reference());
        }
    }

    /** A page of the trail; {@code next} is the {@code after} of the next page, null on the last. */
    public record TransitionPage(List<TransitionView> transitions, Long next) {
    }

    @GetMapping("/api/v1/claims/{claimId}/transitions")
    @Operation(summary = "A claim's transitions, oldest first", description = "404 when there is no such claim.")
    public List<TransitionView> ofClaim(@PathVariable String claimId) {
        if (claims.find(claimId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no claim " + claimId);
        }
        return trail.ofClaim(claimId).stream().map(TransitionView::of).toList();
    }

    @GetMapping("/api/v1/audit/transitions")
    @Operation(summary = "Every transition of the business dates from–to (inclusive), by id",
            description = "Page with after = the previous page's next; limit up to 1000 (default 100).")
    public TransitionPage between(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                  @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                  @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit) {
        if (to.isBefore(from)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'to' (" + to + ") is before 'from' (" + from + ")");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1–" + MAX_PAGE);
        }
        // one more than asked: whether there is a next page
        List<ClaimTransition> found = trail.between(from, to, after, limit + 1);
        List<TransitionView> page = found.stream().limit(limit).map(TransitionView::of).toList();
        return new TransitionPage(page, found.size() > limit ? page.get(page.size() - 1).id() : null);
    }
}
