package cn.shanghai.techfinance.contracts.bank;

/** Tech-firm qualifications a firm can hold (subsidy-rules.md §2). */
public enum QualificationType {
    /** 高新技术企业 */
    HNTE,
    /** 科技型中小企业 */
    TSME,
    /** 科技小巨人(含培育) */
    LITTLE_GIANT,
    /** 专精特新中小企业 */
    SRDI,
    /** 专精特新"小巨人" */
    SRDI_GIANT
}
