package cn.shanghai.techfinance.subsidy.console.officer;

import cn.shanghai.techfinance.subsidy.claims.AuditTrail;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.ledger.ClaimFactsReader;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A claim explained to an officer: what it is and its amount (base × ratio), the reasons in words,
 * the rule version, its history from the audit trail, and the ledger facts it was computed from.
 */
@Controller
class ClaimPageController {

    private final ClaimStore claims;
    private final AuditTrail auditTrail;
    private final ClaimFactsReader facts;
    private final LedgerReader ledger;

    ClaimPageController(ClaimStore claims, AuditTrail auditTrail, ClaimFactsReader facts, LedgerReader ledger) {
        this.claims = claims;
        this.auditTrail = auditTrail;
        this.facts = facts;
        this.ledger = ledger;
    }

    @GetMapping("/console/officer/claims/{claimId}")
    String claim(@PathVariable String claimId, Model model, HttpServletResponse response) {
        Optional<ClaimRecord> found = claims.find(claimId);
        if (found.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("claimId", claimId);
            return "console/officer/claim-missing";
        }
        ClaimRecord claim = found.get();
        model.addAttribute("claim", claim);
        model.addAttribute("reasons", claim.reasons().stream().map(Enum::name).collect(Collectors.joining(",")));
        model.addAttribute("firmName", ledger.firmNames(List.of(claim.uscc())).get(claim.uscc()));
        model.addAttribute("history", auditTrail.ofClaim(claimId));
        model.addAttribute("facts", facts.of(claim));
        return "console/officer/claim";
    }
}
