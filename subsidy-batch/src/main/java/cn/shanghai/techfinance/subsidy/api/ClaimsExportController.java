package cn.shanghai.techfinance.subsidy.api;

import cn.shanghai.techfinance.contracts.Csv;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The claims as CSV, for officers and for reconciliation (and the local run's claims.csv). */
@RestController
@RequestMapping("/api/v1/claims")
@Tag(name = "claims", description = "Claims export")
public class ClaimsExportController {

    public static final String HEADER =
            "program,bank_code,approval_no,contract_no,installment_no,uscc,trigger_date,base_amount,ratio,amount,status,reasons,rule_version,"
            + "published_on,confirm_by,settlement_id";

    private final ClaimStore claims;

    public ClaimsExportController(ClaimStore claims) {
        this.claims = claims;
    }

    @GetMapping(value = "/export", produces = "text/csv")
    @Operation(summary = "Every claim triggered on or before a date, as CSV (RFC 4180: a field with a comma, quote or line break is quoted)",
            description = "Columns: " + HEADER + ". Fields that do not apply to a programme are empty "
                    + "(approval_no for HKZD, contract_no and installment_no for LYD and TECH_INSURANCE_PREMIUM, whose approval_no "
                    + "holds the policyNo and bank_code the insurer's code; published_on and confirm_by until published; "
                    + "settlement_id, the latest settlement that held the claim, until one did); amounts with 2 decimals; "
                    + "reasons ;-separated; status is the claim's lifecycle status.")
    public String export(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate through) {
        return csv(claims.triggeredThrough(through));
    }

    public static String csv(List<ClaimRecord> records) {
        StringBuilder out = new StringBuilder(HEADER).append(Csv.EOL);
        for (ClaimRecord c : records) {
            // an LYD claim's approval, a 科技保险 claim's policyNo (its bank_code the insurer's); an HKZD claim's instalment
            boolean instalment = c.program() == Program.HKZD;
            out.append(Csv.line(
                    c.publicProgram().name(),
                    c.bankCode(),
                    instalment ? "" : c.approvalNo(),
                    instalment ? c.contractNo() : "",
                    instalment ? Objects.toString(c.installmentNo()) : "",
                    c.uscc(),
                    c.triggerDate().toString(),
                    c.baseAmount().setScale(2).toPlainString(),
                    ratio(c.ratio()),
                    c.amount().setScale(2).toPlainString(),
                    c.status().name(),
                    c.reasons().stream().map(ReasonCode::name).collect(Collectors.joining(";")),
                    c.ruleVersion(),
                    Objects.toString(c.publishedOn(), ""),
                    Objects.toString(c.confirmationDeadline(), ""),
                    Objects.toString(c.settlementId(), "")));
        }
        return out.toString();
    }

    /** 0.5000 as stored is written 0.50: at least two decimals, no trailing zeros beyond. */
    private static String ratio(BigDecimal ratio) {
        BigDecimal stripped = ratio.stripTrailingZeros();
        return (stripped.scale() < 2 ? stripped.setScale(2) : stripped).toPlainString();
    }
}
