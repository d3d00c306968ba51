package cn.shanghai.techfinance.subsidy.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;

/** Rule parameters with the default values of subsidy-rules.md, changeable one at a time. */
public final class RuleParametersFixture {

    private String version = "DOC-DEFAULTS";
    private LocalDate effectiveFrom = LocalDate.of(2023, 7, 1);
    private LocalDate effectiveTo = null;
    private LocalDate techServiceFrom = LocalDate.of(2025, 5, 22);
    private BigDecimal lydCapPerSubsidyYear = new BigDecimal("500000.00");
    private BigDecimal hkzdCapPerCalendarYear = new BigDecimal("1000000.00");
    private BigDecimal hkzdLifetimeCap = new BigDecimal("3000000.00");
    private int confirmationWorkingDays = 3;
    private BigDecimal techInsuranceRatio = new BigDecimal("0.50");
    private BigDecimal techInsuranceCapPerPolicy = new BigDecimal("500000.00");
    private BigDecimal techInsuranceCapPerCalendarYear = new BigDecimal("1000000.00");

    public static RuleParameters documentDefaults() {
        return new RuleParametersFixture().build();
    }

    public static RuleParametersFixture fromDocumentDefaults() {
        return new RuleParametersFixture();
    }

    public RuleParametersFixture version(String version) {
        this.version = version;
        return this;
    }

    public RuleParametersFixture effective(LocalDate from, LocalDate to) {
        this.effectiveFrom = from;
        this.effectiveTo = to;
        return this;
    }

    public RuleParametersFixture lydCapPerSubsidyYear(String cap) {
        this.lydCapPerSubsidyYear = new BigDecimal(cap);
        return this;
    }

    public RuleParametersFixture hkzdCaps(String perCalendarYear, String lifetime) {
        this.hkzdCapPerCalendarYear = new BigDecimal(perCalendarYear);
        this.hkzdLifetimeCap = new BigDecimal(lifetime);
        return this;
    }

    public RuleParametersFixture techInsuranceRatio(String ratio) {
        this.techInsuranceRatio = new BigDecimal(ratio);
        return this;
    }

    public RuleParametersFixture techInsuranceCaps(String perPolicy, String perCalendarYear) {
        this.techInsuranceCapPerPolicy = new BigDecimal(perPolicy);
        this.techInsuranceCapPerCalendarYear = new BigDecimal(perCalendarYear);
        return this;
    }

    public RuleParametersFixture confirmationWorkingDays(int days) {
        this.confirmationWorkingDays = days;
        return this;
    }

    public RuleParameters build() {
        return new RuleParameters(
                version,
                effectiveFrom,
                effectiveTo,
                techServiceFrom,
                List.of("73", "74", "75"),
                Set.of("HNTE", "TSME", "LITTLE_GIANT", "SRDI", "SRDI_GIANT"),
                500,
                new BigDecimal("200000000.00"),
                new BigDecimal("200000000.00"),
                new BigDecimal("0.50"),
                new BigDecimal("0.70"),
                MonthDay.of(9, 1),
                2025,
                lydCapPerSubsidyYear,
                new BigDecimal("0.50"),
                new BigDecimal("0.70"),
                new BigDecimal("1.4"),
                hkzdCapPerCalendarYear,
                hkzdLifetimeCap,
                confirmationWorkingDays,
                new TechInsuranceParameters(
                        Set.of("RD_EXPENSE_LOSS", "DELIVERY_ASSURANCE", "THIRD_PARTY_LIABILITY", "KEY_EQUIPMENT"),
                        techInsuranceRatio,
                        techInsuranceCapPerPolicy,
                        techInsuranceCapPerCalendarYear));
    }
}
