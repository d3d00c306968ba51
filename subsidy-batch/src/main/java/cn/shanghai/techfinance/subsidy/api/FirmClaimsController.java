package cn.shanghai.techfinance.subsidy.api;

import cn.shanghai.techfinance.contracts.bank.Uscc;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** A firm's own view of its claims (企业补贴查询), with every reason in words. */
@RestController
@RequestMapping("/api/v1/firms")
@Tag(name = "firms", description = "A firm's subsidy claims")
public class FirmClaimsController {

    private final ClaimStore claims;

    public FirmClaimsController(ClaimStore claims) {
        this.claims = claims;
    }

    public record FirmClaimView(String claimId, String program, String bankCode, String approvalNo, String contractNo,
                                Integer installmentNo, LocalDate triggerDate, String status, BigDecimal baseAmount,
                                BigDecimal ratio, BigDecimal amount, List<ReasonView> reasons, String ruleVersion,
                                LocalDate confirmationDeadline) {
    }

    public record ReasonView(String code, String zh, String en) {

        static List<ReasonView> of(List<ReasonCode> reasons) {
            return reasons.stream().map(r -> new ReasonView(r.name(), r.zh(), r.en())).toList();
        }
    }

    @GetMapping("/{uscc}/claims")
    @Operation(summary = "A firm's claims with status, amount and the reasons in Chinese and English")
    public List<FirmClaimView> claims(@PathVariable String uscc) {
        if (!Uscc.isValid(uscc)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a valid 统一社会信用代码: " + uscc);
        }
        return claims.ofFirm(uscc).stream().map(FirmClaimsController::view).toList();
    }

    private static FirmClaimView view(ClaimRecord c) {
        return new FirmClaimView(c.claimId(), c.publicProgram().name(), c.bankCode(), c.approvalNo(), c.contractNo(),
                c.installmentNo(), c.triggerDate(), c.status().name(), c.baseAmount(), c.ratio(), c.amount(),
                ReasonView.of(c.reasons()), c.ruleVersion(),
                c.confirmationDeadline());
    }
}
