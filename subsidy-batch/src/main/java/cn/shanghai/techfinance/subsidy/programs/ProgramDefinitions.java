package cn.shanghai.techfinance.subsidy.programs;

import cn.shanghai.techfinance.subsidy.rules.Program;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every programme's definition: the one list a new programme is added to. */
public final class ProgramDefinitions {

    private static final Map<Program, ProgramDefinition> BY_PROGRAM = new EnumMap<>(Program.class);

    static {
        for (ProgramDefinition definition : List.of(new LydDefinition(), new HkzdDefinition(), new TechInsuranceDefinition())) {
            BY_PROGRAM.put(definition.program(), definition);
        }
        List<Program> undefined = Arrays.stream(Program.values()).filter(p -> !BY_PROGRAM.containsKey(p)).toList();
        if (!undefined.isEmpty()) {
            throw new IllegalStateException("programmes without a definition: " + undefined);
        }
    }

    private ProgramDefinitions() {
    }

    public static ProgramDefinition of(Program program) {
        return BY_PROGRAM.get(program);
    }

    public static Collection<ProgramDefinition> all() {
        return BY_PROGRAM.values();
    }
}
