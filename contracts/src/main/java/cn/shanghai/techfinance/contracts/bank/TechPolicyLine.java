package cn.shanghai.techfinance.contracts.bank;

/** The line of a tech-insurance policy (科技保险险种, subsidy-rules.md §4a); {@code OTHER} is not subsidised. */
public enum TechPolicyLine {
    /** 研发费用损失险 */
    RD_EXPENSE_LOSS,
    /** 成果交付保险 */
    DELIVERY_ASSURANCE,
    /** 第三方责任险 */
    THIRD_PARTY_LIABILITY,
    /** 关键研发设备险 */
    KEY_EQUIPMENT,
    /** any other line: stored, but its claim is LINE_NOT_COVERED */
    OTHER
}
