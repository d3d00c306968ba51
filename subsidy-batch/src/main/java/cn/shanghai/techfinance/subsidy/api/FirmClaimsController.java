package cn.shanghai.techfinance.subsidy.api;

import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.claims.Payee;
import cn.shanghai.techfinance.subsidy.publication.Confirmations;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A firm's own view of its claims (企业补贴查询), with every reason in words; and its confirmation of a published claim. */
@RestController
@RequestMapping("/api/v1/firms")
@Tag(name = "firms", description = "A firm's subsidy claims")
public class FirmClaimsController {

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{8,32}");
    private static final int MAX_NAME = 100;

    private final ClaimStore claims;
    private final Confirmations confirmations;

    public FirmClaimsController(ClaimStore claims, Confirmations confirmations) {
        this.claims = claims;
        this.confirmations = confirmations;
    }

    /** publishedOn and confirmationDeadline (confirmBy) once published; payee once confirmed. */
    public record FirmClaimView(String claimId, String program, String bankCode, String approvalNo, String contractNo,
                                Integer installmentNo, LocalDate triggerDate, String status, BigDecimal baseAmount,
                                BigDecimal ratio, BigDecimal amount, List<ReasonView> reasons, String ruleVersion,
                                LocalDate confirmationDeadline, LocalDate publishedOn, Payee payee) {
    }

    public record ReasonView(String code, String zh, String en) {

        static List<ReasonView> of(List<ReasonCode> reasons) {
            return reasons.stream().map(r -> new ReasonView(r.name(), r.zh(), r.en())).toList();
        }
    }

    /** Where the subsidy is to be paid (收款人): the account holder's name, the account (8–32 digits), the bank. */
    public record ConfirmationRequest(String payeeName, String payeeAccount, String payeeBank) {
    }

    @GetMapping("/{uscc}/claims")
    @Operation(summary = "A firm's claims with status, amount and the reasons in Chinese and English")
    public List<FirmClaimView> claims(@PathVariable String uscc) {
        if (!Uscc.isValid(uscc)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a valid 统一社会信用代码: " + uscc);
        }
        return claims.ofFirm(uscc).stream().map(FirmClaimsController::view).toList();
    }

    @PostMapping("/{uscc}/claims/{claimId}/confirmation")
    @Operation(summary = "Confirm a published claim and name its payee (公示确认), on or before its confirmationDeadline",
            description = "The firm of the USCC only. The claim becomes CONFIRMED with the payee; a claim already CONFIRMED is "
                    + "answered unchanged. 404 when the firm has no such claim; 400 for an invalid payee (payeeAccount 8–32 "
                    + "digits, payeeName and payeeBank 1–100 characters); 409 when the claim is not PUBLISHED (its state in the "
                    + "message) or today's business date is after its deadline (the deadline in the message).")
    public FirmClaimView confirm(@PathVariable String uscc, @PathVariable String claimId, @RequestBody ConfirmationRequest body) {
        Payee payee = new Payee(text("payeeName", body.payeeName()), account(body.payeeAccount()), text("payeeBank", body.payeeBank()));
        return view(confirmations.confirm(uscc, claimId, payee, Actors.userOf(Caller.current())));
    }

    /** The trimmed text, 1–100 characters (not UTF-16 units: a rare character is one). */
    private static String text(String field, String value) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            throw badRequest("'" + field + "' is missing");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_NAME) {
            throw badRequest("'" + field + "' must be at most " + MAX_NAME + " characters");
        }
        return trimmed;
    }

    private static String account(String value) {
        if (value == null || value.isEmpty()) {
            throw badRequest("'payeeAccount' is missing");
        }
        if (!ACCOUNT.matcher(value).matches()) {
            throw badRequest("'payeeAccount' must be 8–32 digits (no spaces or other characters)");
        }
        return value;
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

    private static FirmClaimView view(ClaimRecord c) {
        return new FirmClaimView(c.claimId(), c.publicProgram().name(), c.bankCode(), c.approvalNo(), c.contractNo(),
                c.installmentNo(), c.triggerDate(), c.status().name(), c.baseAmount(),
                c.ratio(), c.amount(), ReasonView.of(c.reasons()), c.ruleVersion(), c.confirmationDeadline(), c.publishedOn(),
                c.payee());
    }
}
