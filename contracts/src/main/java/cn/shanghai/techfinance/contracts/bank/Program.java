package cn.shanghai.techfinance.contracts.bank;

/** The loan programmes an application can belong to. */
public enum Program {
    /** 科技履约贷: insurer-guaranteed loan; the city refunds part of the premium. */
    LYD,
    /** 沪科专贷: loan on PBOC Shanghai re-lending; the city refunds part of the interest. */
    HKZD
}
