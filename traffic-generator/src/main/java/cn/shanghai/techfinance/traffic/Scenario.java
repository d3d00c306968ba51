package cn.shanghai.techfinance.traffic;

/**
 * What a firm's traffic exercises. Most firms are {@link #ORDINARY}; the others each play one edge
 * case of subsidy-rules.md on their first loan (firm-level cases on every loan). Each edge case has
 * two variants, taken in turn, noted below where they differ.
 */
public enum Scenario {
    /** Qualified tech firm (some in industries 73–75 with a qualification); tranches, renewals, first loans, rejections. */
    ORDINARY,
    /** Industry 73xx/74xx/75xx, no qualification; first variant disburses before 2025-05-22, the second on or after. */
    TECH_SERVICE_WITHOUT_QUALIFICATION,
    /** A 科技型中小企业 registration that expired before the loan: NOT_TECH_FIRM. */
    EXPIRED_QUALIFICATION,
    /** Registered outside Shanghai (district not starting 31): NOT_SHANGHAI. */
    NOT_SHANGHAI,
    /** LYD borrower above the SME limits: SIZE_EXCEEDED. */
    OVERSIZED,
    /** HKZD instalment paid after dueOn, or LYD principal repaid late; both with loan.overdue. */
    OVERDUE,
    /** Missed instalment, loan.overdue, then loan.defaulted (HKZD: the missed interest is recovered after default). */
    DEFAULTED,
    /** The credit platform lists the firm during its loan; the second variant is cleared later. */
    DISHONESTY_LISTED,
    /** HKZD annualRate above lpr1y × 1.4: RATE_CAPPED. */
    RATE_ABOVE_CAP,
    /** Large LYD premiums and HKZD interest, so the per-firm caps are crossed: CAP_PARTIAL, CAP_REACHED. */
    CAPS_CROSSED,
    /** A 2-month LYD loan settled before 2024-09-01 (needs a run starting before about 2024-06-10): OUT_OF_WINDOW. */
    OUT_OF_WINDOW,
    /** LYD premium paid in two parts, the second after settlement (not in the base). */
    PREMIUM_AFTER_SETTLEMENT,
    /** LYD policy cancelled: the first variant during the loan, the second after settlement (clawback). */
    POLICY_CANCELLED;

    static final Scenario[] EDGE_CASES = {
        TECH_SERVICE_WITHOUT_QUALIFICATION, EXPIRED_QUALIFICATION, NOT_SHANGHAI, OVERSIZED, OVERDUE, DEFAULTED,
        DISHONESTY_LISTED, RATE_ABOVE_CAP, CAPS_CROSSED, OUT_OF_WINDOW, PREMIUM_AFTER_SETTLEMENT, POLICY_CANCELLED
    };
}
