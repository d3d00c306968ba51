package cn.shanghai.techfinance.subsidy.rules;

import java.util.Collection;
import java.util.List;

/**
 * Why a claim is ineligible, or a note on an eligible one (subsidy-rules.md §5). The declaration
 * order is the document's order: reason lists are always sorted by it.
 */
public enum ReasonCode {
    NOT_SHANGHAI(true, "企业注册地不在上海市", "The firm is not registered in Shanghai."),
    NOT_TECH_FIRM(true,
            "放款日企业不是科技型企业：无有效资质，且不属于适用的科技服务业",
            "On the disbursement date the firm held no valid tech qualification and was not an eligible tech-service firm."),
    SIZE_EXCEEDED(true,
            "企业规模超过中小企业标准（从业人数、营业收入或资产总额）",
            "The firm exceeds the SME size limits (employees, annual revenue or total assets)."),
    LINE_NOT_COVERED(true, "保险险种不在科技保险保费补贴范围内", "The policy's line of insurance is not subsidised."),
    OVERDUE(true, "贷款或利息未按期偿还", "A loan repayment or interest instalment was overdue."),
    LOAN_DEFAULTED(true, "贷款已违约", "The loan defaulted."),
    OUT_OF_WINDOW(true, "结清日期不在已开放的补贴年度内", "The settlement date is outside the open subsidy years."),
    DISHONESTY_LISTED(true, "企业在触发日被列入严重失信主体名单", "On the trigger date the firm was on the serious dishonesty list."),
    RATE_CAPPED(false,
            "贷款利率高于上限利率，贴息按上限利率计算",
            "The loan rate exceeds the rate cap; interest counts only up to the capped rate."),
    CAP_PARTIAL(false, "补贴额度已接近上限，本笔仅补贴剩余额度", "Only the remainder of the subsidy cap was granted."),
    CAP_REACHED(false, "补贴额度已用完，本笔补贴为零", "The subsidy cap was already reached; nothing was granted."),
    /** Added to a CANCELLED claim after its notes (§5), as LOAN_DEFAULTED is; never makes a claim INELIGIBLE. */
    POLICY_CANCELLED(true, "保单已退保，补贴取消",
            "The insurance policy was cancelled; the subsidy is cancelled.");

    private final boolean rejection;
    private final String zh;
    private final String en;

    ReasonCode(boolean rejection, String zh, String en) {
        this.rejection = rejection;
        this.zh = zh;
        this.en = en;
    }

    /** The reasons in the document's order, each once. */
    public static List<ReasonCode> inDocumentOrder(Collection<ReasonCode> reasons) {
        return reasons.stream().distinct().sorted().toList();
    }

    /** True for a reason that makes a claim INELIGIBLE; false for a note on an eligible claim. */
    public boolean rejection() {
        return rejection;
    }

    /** Description for firms, in Chinese. */
    public String zh() {
        return zh;
    }

    /** Description for firms, in English. */
    public String en() {
        return en;
    }
}
