package cn.shanghai.techfinance.contracts.bank;

import java.math.BigDecimal;
import java.util.List;

/** What the bank knows of the firm when it applies; a claim uses the snapshot of its application. */
public record Firm(
        String uscc,
        String name,
        /* GB/T 4754-2017 国民经济行业分类 */ String industryCode,
        /* GB/T 2260 行政区划代码 */ String registeredDistrict,
        int employees,
        BigDecimal annualRevenue,
        BigDecimal totalAssets,
        List<Qualification> qualifications) {

    public Firm {
        qualifications = List.copyOf(qualifications);
    }
}
