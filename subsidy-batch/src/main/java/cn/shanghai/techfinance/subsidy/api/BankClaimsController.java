package cn.shanghai.techfinance.subsidy.api;

import cn.shanghai.techfinance.contracts.BankCode;
import cn.shanghai.techfinance.subsidy.api.FirmClaimsController.ReasonView;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A bank's view of the claims on its loans (贴息/贴费申报), and an insurer's of the claims on its 科技保险
 * policies, for their reconciliation. Bank and insurer codes are one namespace, so a claim's
 * bankCode is either.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "banks", description = "The claims on a bank's loans, or on an insurer's tech-insurance policies")
public class BankClaimsController {

    private static final int MAX_PAGE = 1000;

    private final ClaimStore claims;

    public BankClaimsController(ClaimStore claims) {
        this.claims = claims;
    }

    /**
     * A claim as its bank sees it, and as officers do (a recovery answers it). {@code version} counts the claim's states: the
     * claim events on tf.subsidy.claims.v1 carry the same number.
     */
    public record BankClaimView(String claimId, long version, String program, String bankCode, String uscc, String approvalNo,
                                String contractNo, Integer installmentNo, LocalDate triggerDate, String status,
                                BigDecimal baseAmount, BigDecimal ratio, BigDecimal amount, List<ReasonView> reasons,
                                String ruleVersion, LocalDate publishedOn, LocalDate confirmationDeadline) {

        static BankClaimView of(ClaimRecord c) {
            return new BankClaimView(c.claimId(), c.version(), c.publicProgram().name(), c.bankCode(), c.uscc(), c.approvalNo(),
                    c.contractNo(), c.installmentNo(), c.triggerDate(), c.status().name(), c.baseAmount(), c.ratio(), c.amount(),
                    ReasonView.of(c.reasons()), c.ruleVersion(), c.publishedOn(), c.confirmationDeadline());
        }
    }

    @GetMapping("/banks/{bankCode}/claims")
    @Operation(summary = "The claims on a bank's loans, by claim id",
            description = "Page with after = the last claimId seen; limit up to 1000. A bank sees only its own.")
    public List<BankClaimView> claims(@PathVariable String bankCode, @RequestParam(required = false) String after,
                                      @RequestParam(defaultValue = "100") int limit) {
        return page("a bank", bankCode, after, limit);
    }

    @GetMapping("/insurers/{insurerCode}/claims")
    @Operation(summary = "The TECH_INSURANCE_PREMIUM claims on an insurer's policies, by claim id",
            description = "Page with after = the last claimId seen; limit up to 1000. approvalNo holds the policyNo, bankCode the "
                    + "insurer's code. An insurer sees only its own.")
    public List<BankClaimView> insurerClaims(@PathVariable String insurerCode, @RequestParam(required = false) String after,
                                             @RequestParam(defaultValue = "100") int limit) {
        return page("an insurer", insurerCode, after, limit);
    }

    /** {@code whose}: "a bank" or "an insurer", for the refusal of a code that is not one. */
    private List<BankClaimView> page(String whose, String code, String after, int limit) {
        if (!BankCode.isValid(code)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not " + whose + " code: " + code);
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1–" + MAX_PAGE);
        }
        return claims.ofBank(code, after, limit).stream().map(BankClaimView::of).toList();
    }
}
