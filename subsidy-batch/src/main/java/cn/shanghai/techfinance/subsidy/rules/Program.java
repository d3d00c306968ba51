package cn.shanghai.techfinance.subsidy.rules;

import java.util.Arrays;
import java.util.Optional;

/** The loan programmes; each has one subsidy programme, whose public name the API, files and events use. */
public enum Program {
    /** 科技履约贷: its claims are LYD_PREMIUM, one per approval. */
    LYD("LYD_PREMIUM"),
    /** 沪科专贷: its claims are HKZD_INTEREST, one per interest instalment. */
    HKZD("HKZD_INTEREST");

    private final String publicName;

    Program(String publicName) {
        this.publicName = publicName;
    }

    /** LYD_PREMIUM or HKZD_INTEREST. */
    public String publicName() {
        return publicName;
    }

    /** The programme of a public name; empty for anything else. */
    public static Optional<Program> ofPublicName(String name) {
        return Arrays.stream(values()).filter(p -> p.publicName.equals(name)).findFirst();
    }
}
