package cn.shanghai.techfinance.subsidy.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The programmes: the two loan programmes, each with one subsidy programme, and 科技保险, whose
 * policies come from insurers; the public name is what the API, files and events use.
 */
public enum Program {
    /** 科技履约贷: its claims are LYD_PREMIUM, one per approval. */
    LYD("LYD_PREMIUM"),
    /** 沪科专贷: its claims are HKZD_INTEREST, one per interest instalment. */
    HKZD("HKZD_INTEREST"),
    /** 科技保险: its claims are TECH_INSURANCE_PREMIUM, one per insurer's policy (subsidy-rules.md §4a). */
    TECH_INSURANCE("TECH_INSURANCE_PREMIUM");

    private final String publicName;

    Program(String publicName) {
        this.publicName = publicName;
    }

    /** LYD_PREMIUM, HKZD_INTEREST or TECH_INSURANCE_PREMIUM. */
    public String publicName() {
        return publicName;
    }

    /** The public names, for messages: "LYD_PREMIUM, HKZD_INTEREST or TECH_INSURANCE_PREMIUM". */
    public static String publicNames() {
        List<String> names = Arrays.stream(values()).map(Program::publicName).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** The programme of a public name; empty for anything else. */
    public static Optional<Program> ofPublicName(String name) {
        return Arrays.stream(values()).filter(p -> p.publicName.equals(name)).findFirst();
    }
}
