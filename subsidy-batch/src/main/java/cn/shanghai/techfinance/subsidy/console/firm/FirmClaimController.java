package cn.shanghai.techfinance.subsidy.console.firm;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.subsidy.claims.Actor;
import cn.shanghai.techfinance.subsidy.claims.AuditTrail;
import cn.shanghai.techfinance.subsidy.claims.AuditTrail.ClaimTransition;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.publication.ConfirmationRefused;
import cn.shanghai.techfinance.subsidy.publication.Confirmations;
import cn.shanghai.techfinance.subsidy.publication.NoSuchClaim;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One of the firm's claims: its facts, the reasons in words, its history, and while it is published
 * its confirmation deadline and the confirm form with the payee account. Confirming is
 * {@link Confirmations#confirm}, as for the API's {@code POST /api/v1/firms/{uscc}/claims/{id}/confirmation},
 * and its refusals are said in words. Another firm's claim, or none, is the denied page with a 404:
 * to a firm, another's claim does not exist.
 */
@Controller
class FirmClaimController {

    private static final String PAGE = "console/firm/claim";

    private final ClaimStore claims;
    private final AuditTrail trail;
    private final Confirmations confirmations;
    private final BusinessClock businessClock;

    FirmClaimController(ClaimStore claims, AuditTrail trail, Confirmations confirmations, BusinessClock businessClock) {
        this.claims = claims;
        this.trail = trail;
        this.confirmations = confirmations;
        this.businessClock = businessClock;
    }

    /** Who made a change, as the firm is told: the nightly run, the firm itself (its confirmation) or the programme office. */
    enum ChangedBy { SYSTEM, FIRM, OFFICE }

    /** A line of the claim's history; {@code from} is null where it was computed. */
    record HistoryLine(LocalDate businessDate, ClaimStatus from, ClaimStatus to, ChangedBy by, String reference) {

        static HistoryLine of(ClaimTransition t) {
            // the firm is told which side acted, not which official: only its own confirmation is its doing
            ChangedBy by = Actor.NIGHTLY.equals(t.actor()) ? ChangedBy.SYSTEM
                    : t.from() == ClaimStatus.PUBLISHED && t.to() == ClaimStatus.CONFIRMED ? ChangedBy.FIRM
                    : ChangedBy.OFFICE;
            return new HistoryLine(t.businessDate(), t.from(), t.to(), by, t.reference());
        }
    }

    @GetMapping("/console/firm/claims/{claimId}")
    ModelAndView claim(@PathVariable String claimId) {
        return ownClaim(claimId).map(claim -> page(claim, PayeeForm.empty(), HttpStatus.OK)).orElseGet(FirmClaimController::notFound);
    }

    /** The firm is the session's: a USCC in the form is not read, and the claim must be the session firm's. */
    @PostMapping("/console/firm/claims/{claimId}/confirmation")
    ModelAndView confirm(@PathVariable String claimId, PayeeForm form, RedirectAttributes redirect) {
        Optional<ClaimRecord> own = ownClaim(claimId);
        if (own.isEmpty()) {
            return notFound();
        }
        ClaimRecord claim = own.get();
        if (claim.status() == ClaimStatus.CONFIRMED) {
            // a second submission (another tab, a reload): Confirmations would answer the claim unchanged
            return page(claim, form, HttpStatus.OK).addObject("notice", "firm.confirm.already");
        }
        Map<String, String> problems = form.problems();
        if (!problems.isEmpty()) {
            return page(claim, form, HttpStatus.BAD_REQUEST).addObject("problems", problems);
        }
        try {
            confirmations.confirm(claim.uscc(), claimId, form.payee(), Caller.current().user());
        } catch (NoSuchClaim gone) {
            return notFound();
        } catch (ConfirmationRefused refused) {
            ClaimRecord now = claims.find(claimId).orElse(claim);
            ModelAndView page = page(now, form, HttpStatus.CONFLICT);
            return switch (refused.why()) {
                case TOO_LATE -> page.addObject("refusal", "firm.confirm.refused.late")
                        .addObject("refusalArgs", List.of(now.confirmationDeadline().toString(), businessClock.today().toString()));
                case NOT_PUBLISHED -> page.addObject("refusal", "firm.confirm.refused.notPublished")
                        .addObject("refusalStatus", now.status());
            };
        }
        // after the change, a page of its own (post/redirect/get): a reload does not submit the form again
        redirect.addFlashAttribute("confirmed", true);
        return new ModelAndView("redirect:/console/firm/claims/" + claim.claimId());
    }

    private Optional<ClaimRecord> ownClaim(String claimId) {
        return SignedInFirm.uscc().flatMap(uscc -> claims.find(claimId).filter(c -> c.uscc().equals(uscc)));
    }

    private ModelAndView page(ClaimRecord claim, PayeeForm form, HttpStatus status) {
        LocalDate today = businessClock.today();
        ModelAndView page = new ModelAndView(PAGE, status);
        page.addObject("claim", claim);
        page.addObject("history", trail.ofClaim(claim.claimId()).stream().map(HistoryLine::of).toList());
        page.addObject("today", today);
        page.addObject("confirmable", FirmOverviewController.confirmable(claim, today));
        page.addObject("form", form);
        page.addObject("problems", Map.of());
        return page;
    }

    private static ModelAndView notFound() {
        return new ModelAndView("console/denied", HttpStatus.NOT_FOUND);
    }
}
