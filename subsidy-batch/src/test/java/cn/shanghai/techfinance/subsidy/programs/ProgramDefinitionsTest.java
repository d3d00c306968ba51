package cn.shanghai.techfinance.subsidy.programs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.subsidy.rules.Program;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The engine treats every programme alike: each programme has its definition, and the night's
 * discovery and computation and the what-if pricing know no programme's rules, only
 * {@link ProgramDefinition}s (a fourth programme is its rules, rule data and a definition).
 */
class ProgramDefinitionsTest {

    private static final JavaClasses SUBSIDY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.shanghai.techfinance.subsidy");

    @Test
    void everyProgrammeHasItsDefinition() {
        assertThat(Arrays.stream(Program.values()).map(p -> ProgramDefinitions.of(p).program())).containsExactly(Program.values());
        assertThat(ProgramDefinitions.all()).hasSize(Program.values().length);
    }

    @Test
    void theNightAndTheWhatIfKnowNoProgrammesRules() {
        noClasses().that().resideInAnyPackage("..subsidy.nightly..", "..subsidy.whatif..", "..subsidy.api..", "..subsidy.console..")
                .should().dependOnClassesThat().resideInAnyPackage("..subsidy.rules.lyd..", "..subsidy.rules.hkzd..",
                        "..subsidy.rules.techinsurance..")
                .because("a programme's rules are reached through its ProgramDefinition")
                .check(SUBSIDY);
    }
}
