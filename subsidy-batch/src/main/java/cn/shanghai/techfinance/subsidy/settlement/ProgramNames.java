package cn.shanghai.techfinance.subsidy.settlement;

import cn.shanghai.techfinance.subsidy.rules.Program;
import java.util.Optional;

/** The programmes' public names, as the API, the budget and the settlements spell them: LYD_PREMIUM, HKZD_INTEREST. */
public final class ProgramNames {

    private ProgramNames() {
    }

    public static String of(Program program) {
        return program == Program.LYD ? "LYD_PREMIUM" : "HKZD_INTEREST";
    }

    /** The programme of a public name; empty for anything else. */
    public static Optional<Program> parse(String name) {
        if ("LYD_PREMIUM".equals(name)) {
            return Optional.of(Program.LYD);
        }
        if ("HKZD_INTEREST".equals(name)) {
            return Optional.of(Program.HKZD);
        }
        return Optional.empty();
    }
}
