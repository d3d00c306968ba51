package cn.shanghai.techfinance.subsidy.rules.firm;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What the bank reported of the firm with one loan application; a claim uses the snapshot of its
 * own application (subsidy-rules.md §2).
 *
 * @param uscc 统一社会信用代码, already checked by intake
 * @param industryCode GB/T 4754-2017 国民经济行业分类, 4 digits
 * @param registeredDistrict GB/T 2260 行政区划代码, 6 digits
 */
public record FirmSnapshot(
        String uscc,
        String industryCode,
        String registeredDistrict,
        int employees,
        BigDecimal annualRevenue,
        BigDecimal totalAssets,
        List<Qualification> qualifications) {

    public FirmSnapshot {
        Objects.requireNonNull(uscc, "uscc");
        Objects.requireNonNull(industryCode, "industryCode");
        Objects.requireNonNull(registeredDistrict, "registeredDistrict");
        if (employees < 0) {
            throw new IllegalArgumentException("employees is negative");
        }
        Objects.requireNonNull(annualRevenue, "annualRevenue");
        Objects.requireNonNull(totalAssets, "totalAssets");
        qualifications = List.copyOf(qualifications);
    }
}
