package cn.shanghai.techfinance.subsidy.console.firm;

import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.ledger.FirmLoans;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A firm's start page: its claims (newest trigger date first, the reasons in words, those waiting
 * for its confirmation called out) and its loans as the banks reported them to the ledger.
 */
@Controller
class FirmOverviewController {

    private static final Comparator<ClaimRecord> NEWEST_FIRST = Comparator.comparing(ClaimRecord::triggerDate)
            .thenComparing(ClaimRecord::claimId).reversed();

    private final ClaimStore claims;
    private final FirmLoans loans;
    private final LedgerReader ledger;
    private final BusinessClock businessClock;

    FirmOverviewController(ClaimStore claims, FirmLoans loans, LedgerReader ledger, BusinessClock businessClock) {
        this.claims = claims;
        this.loans = loans;
        this.ledger = ledger;
        this.businessClock = businessClock;
    }

    @GetMapping("/console/firm")
    String overview(Model model, HttpServletResponse response) {
        Optional<String> firm = SignedInFirm.uscc();
        if (firm.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return "console/denied";
        }
        String uscc = firm.get();
        List<ClaimRecord> own = claims.ofFirm(uscc).stream().sorted(NEWEST_FIRST).toList();
        LocalDate today = businessClock.today();
        model.addAttribute("uscc", uscc);
        model.addAttribute("firmName", ledger.firmNames(List.of(uscc)).get(uscc));
        model.addAttribute("claims", own);
        model.addAttribute("awaiting", own.stream().filter(c -> confirmable(c, today)).toList());
        model.addAttribute("loans", loans.of(uscc));
        return "console/firm/overview";
    }

    /** Published and its deadline not passed: the firm can still confirm it (Confirmations decides when it does). */
    static boolean confirmable(ClaimRecord claim, LocalDate today) {
        return claim.status() == ClaimStatus.PUBLISHED && !today.isAfter(claim.confirmationDeadline());
    }
}
