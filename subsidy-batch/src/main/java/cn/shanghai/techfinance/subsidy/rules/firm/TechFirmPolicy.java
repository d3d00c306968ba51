package cn.shanghai.techfinance.subsidy.rules.firm;

import cn.shanghai.techfinance.subsidy.rules.Decision;
import cn.shanghai.techfinance.subsidy.rules.ReasonCode;
import cn.shanghai.techfinance.subsidy.rules.RuleParameters;
import java.time.LocalDate;

/**
 * 科技型企业, as of the loan's disbursement date: a qualifying qualification valid that day, or a
 * tech-service industry (73–75, 沪府办发〔2025〕11号) for loans disbursed from techServiceFrom on.
 * Registration in Shanghai, the predicate's other half, is {@link ShanghaiRegistrationPolicy}'s,
 * so that a firm failing both gets both reasons.
 */
public final class TechFirmPolicy {

    private TechFirmPolicy() {
    }

    public static Decision decide(FirmSnapshot firm, LocalDate disbursedOn, RuleParameters parameters) {
        boolean qualified = firm.qualifications().stream()
                .anyMatch(qualification -> parameters.qualifyingQualificationTypes().contains(qualification.type())
                        && qualification.isValidOn(disbursedOn));
        boolean techService = isTechServiceFirm(firm, parameters) && !disbursedOn.isBefore(parameters.techServiceFrom());
        return qualified || techService ? Decision.ALLOWED : Decision.rejected(ReasonCode.NOT_TECH_FIRM);
    }

    /** 科技服务业: 研究和试验发展, 专业技术服务业, 科技推广和应用服务业, by industry code prefix. */
    public static boolean isTechServiceFirm(FirmSnapshot firm, RuleParameters parameters) {
        return parameters.techServiceIndustryPrefixes().stream().anyMatch(firm.industryCode()::startsWith);
    }
}
