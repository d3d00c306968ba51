package cn.shanghai.techfinance.subsidy.claims;

import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import cn.shanghai.techfinance.subsidy.rules.RuleVersions;
import cn.shanghai.techfinance.subsidy.rules.TechInsuranceParameters;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The versioned rule data ({@code rule_version}), seeded by migration with the rules document's defaults. */
@Repository
public class RuleDataStore {

    private final JdbcTemplate jdbc;

    public RuleDataStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public RuleVersions versions() {
        return new RuleVersions(jdbc.query("SELECT * FROM rule_version", (rs, n) -> new RuleParameters(
                rs.getString("version"),
                rs.getObject("effective_from", LocalDate.class),
                rs.getObject("effective_to", LocalDate.class),
                rs.getObject("tech_service_from", LocalDate.class),
                List.of(rs.getString("tech_service_industry_prefixes").split(",")),
                new HashSet<>(Arrays.asList(rs.getString("qualifying_qualification_types").split(","))),
                rs.getInt("sme_max_employees"),
                rs.getBigDecimal("sme_max_annual_revenue"),
                rs.getBigDecimal("sme_max_total_assets"),
                rs.getBigDecimal("lyd_ratio"),
                rs.getBigDecimal("lyd_tech_service_ratio"),
                MonthDay.parse("--" + rs.getString("subsidy_year_start")),
                rs.getInt("first_subsidy_year"),
                rs.getBigDecimal("lyd_cap_per_subsidy_year"),
                rs.getBigDecimal("hkzd_ratio"),
                rs.getBigDecimal("hkzd_first_loan_ratio"),
                rs.getBigDecimal("rate_cap_multiplier"),
                rs.getBigDecimal("hkzd_cap_per_calendar_year"),
                rs.getBigDecimal("hkzd_lifetime_cap"),
                rs.getInt("confirmation_working_days"),
                new TechInsuranceParameters(
                        new HashSet<>(Arrays.asList(rs.getString("tech_insurance_covered_lines").split(","))),
                        rs.getBigDecimal("tech_insurance_ratio"),
                        rs.getBigDecimal("tech_insurance_cap_per_policy"),
                        rs.getBigDecimal("tech_insurance_cap_per_calendar_year")))));
    }
}
