package cn.shanghai.techfinance.subsidy.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A triggered claim as its programme judges it, before caps.
 *
 * @param triggerDate LYD settlement date or HKZD paidOn
 * @param ruleVersion the {@link RuleParameters#version()} used
 * @param base premiums paid (LYD) or interest paid (HKZD), before any rate cap
 * @param ratio the subsidy ratio applied
 * @param amount the rounded amount before caps; 0.00 when ineligible
 * @param reasons rejections when ineligible, else notes (RATE_CAPPED), in document order
 * @param caps the caps an eligible claim draws on; none when ineligible
 */
public record ClaimAssessment(
        ClaimKey key,
        String uscc,
        LocalDate triggerDate,
        String ruleVersion,
        BigDecimal base,
        BigDecimal ratio,
        BigDecimal amount,
        List<ReasonCode> reasons,
        List<CapLimit> caps) {

    /** The order in which claims take from the caps: trigger date, then the key (subsidy-rules.md §3, §4). */
    public static final Comparator<ClaimAssessment> CAP_ORDER = Comparator.comparing(ClaimAssessment::triggerDate)
            .thenComparing(ClaimAssessment::key, ClaimKey.ORDER);

    public ClaimAssessment {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(uscc, "uscc");
        Objects.requireNonNull(triggerDate, "triggerDate");
        Objects.requireNonNull(ruleVersion, "ruleVersion");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(ratio, "ratio");
        if (amount.scale() != 2 || amount.signum() < 0) {
            throw new IllegalArgumentException("amount must be a non-negative amount in fen: " + amount);
        }
        reasons = ReasonCode.inDocumentOrder(reasons);
        caps = List.copyOf(caps);
        boolean eligible = reasons.stream().noneMatch(ReasonCode::rejection);
        if (!eligible && (amount.signum() != 0 || !caps.isEmpty())) {
            throw new IllegalArgumentException("an ineligible claim has no amount and draws on no cap");
        }
    }

    /** Builds the assessment a verdict allows: the amount and caps only when eligible. */
    public static ClaimAssessment of(
            ClaimKey key,
            String uscc,
            LocalDate triggerDate,
            RuleParameters parameters,
            BigDecimal base,
            BigDecimal ratio,
            BigDecimal amount,
            EligibilityVerdict verdict,
            List<CapLimit> caps) {
        return new ClaimAssessment(
                key,
                uscc,
                triggerDate,
                parameters.version(),
                base,
                ratio,
                verdict.eligible() ? amount : Money.ZERO,
                verdict.reasons(),
                verdict.eligible() ? caps : List.of());
    }

    public boolean eligible() {
        return reasons.stream().noneMatch(ReasonCode::rejection);
    }

    public ClaimStatus status() {
        return eligible() ? ClaimStatus.COMPUTED : ClaimStatus.INELIGIBLE;
    }
}
