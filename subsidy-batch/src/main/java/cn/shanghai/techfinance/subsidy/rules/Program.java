package cn.shanghai.techfinance.subsidy.rules;

/** The loan programmes; each has one subsidy programme. */
public enum Program {
    /** 科技履约贷: its claims are LYD_PREMIUM, one per approval. */
    LYD,
    /** 沪科专贷: its claims are HKZD_INTEREST, one per interest instalment. */
    HKZD
}
