package cn.shanghai.techfinance.subsidy.rules;

import cn.shanghai.techfinance.subsidy.rules.firm.FirmSnapshot;
import cn.shanghai.techfinance.subsidy.rules.firm.Qualification;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Firm snapshots; by default a small Shanghai 高新技术企业 (HNTE) in manufacturing (3911). */
public final class FirmFixture {

    public static final String USCC = "91310115MA1K4AAAA1";

    private String uscc = USCC;
    private String industryCode = "3911";
    private String registeredDistrict = "310115";
    private int employees = 85;
    private BigDecimal annualRevenue = new BigDecimal("42000000.00");
    private BigDecimal totalAssets = new BigDecimal("30000000.00");
    private final List<Qualification> qualifications = new ArrayList<>(
            List.of(new Qualification("HNTE", LocalDate.of(2023, 1, 1), LocalDate.of(2028, 12, 31))));

    public static FirmFixture highTechFirm() {
        return new FirmFixture();
    }

    /** A firm in 7320 (专业技术服务业) with no qualification. */
    public static FirmFixture techServiceFirm() {
        return new FirmFixture().industry("7320").withoutQualifications();
    }

    public FirmFixture uscc(String uscc) {
        this.uscc = uscc;
        return this;
    }

    public FirmFixture industry(String industryCode) {
        this.industryCode = industryCode;
        return this;
    }

    public FirmFixture district(String registeredDistrict) {
        this.registeredDistrict = registeredDistrict;
        return this;
    }

    public FirmFixture employees(int employees) {
        this.employees = employees;
        return this;
    }

    public FirmFixture annualRevenue(String annualRevenue) {
        this.annualRevenue = new BigDecimal(annualRevenue);
        return this;
    }

    public FirmFixture totalAssets(String totalAssets) {
        this.totalAssets = new BigDecimal(totalAssets);
        return this;
    }

    public FirmFixture withoutQualifications() {
        qualifications.clear();
        return this;
    }

    public FirmFixture qualification(String type, LocalDate validFrom, LocalDate validTo) {
        qualifications.add(new Qualification(type, validFrom, validTo));
        return this;
    }

    public FirmSnapshot build() {
        return new FirmSnapshot(
                uscc, industryCode, registeredDistrict, employees, annualRevenue, totalAssets, qualifications);
    }
}
