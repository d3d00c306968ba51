package cn.shanghai.techfinance.traffic;

import cn.shanghai.techfinance.contracts.bank.Firm;
import cn.shanghai.techfinance.contracts.bank.Qualification;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A generated firm: who it is, which scenario it plays and when it first applies.
 * {@code variant} picks between the two variants of its edge case.
 */
record FirmPlan(
        int index,
        Scenario scenario,
        boolean variant,
        String mainBank,
        LocalDate onboardedOn,
        String uscc,
        String name,
        String industryCode,
        String registeredDistrict,
        int employees,
        BigDecimal annualRevenue,
        BigDecimal totalAssets,
        List<Qualification> qualifications) {

    /**
     * What the bank sends with an application. It lists the certificates overlapping the loan's
     * life, so an ordinary firm does not fall out of eligibility by accident when a certificate
     * renews mid-loan; expiry is exercised on purpose by {@link Scenario#EXPIRED_QUALIFICATION}.
     */
    Firm snapshot(LocalDate appliedOn, LocalDate loanEnd) {
        List<Qualification> known = qualifications.stream()
                .filter(q -> !q.validFrom().isAfter(loanEnd) && !q.validTo().isBefore(appliedOn.minusYears(1)))
                .toList();
        return new Firm(uscc, name, industryCode, registeredDistrict, employees, annualRevenue, totalAssets, known);
    }
}
