package cn.shanghai.techfinance.contracts.bank;

import cn.shanghai.techfinance.contracts.bank.Field.Count;
import cn.shanghai.techfinance.contracts.bank.Field.Digits;
import cn.shanghai.techfinance.contracts.bank.Field.Money;
import cn.shanghai.techfinance.contracts.bank.Field.Text;
import cn.shanghai.techfinance.contracts.bank.Field.Uscc;
import java.math.BigDecimal;
import java.util.List;

/** What the bank knows of the firm when it applies; a claim uses the snapshot of its application. */
public record Firm(
        @Uscc String uscc,
        @Text(max = 200) String name,
        /* GB/T 4754-2017 国民经济行业分类 */ @Digits(4) String industryCode,
        /* GB/T 2260 行政区划代码 */ @Digits(6) String registeredDistrict,
        @Count(min = 0) int employees,
        @Money BigDecimal annualRevenue,
        @Money BigDecimal totalAssets,
        List<Qualification> qualifications) {

    public Firm {
        qualifications = List.copyOf(qualifications);
    }
}
