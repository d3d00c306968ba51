package cn.shanghai.techfinance.subsidy.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules are plain Java: no Spring, no database, no I/O (design/architecture.md, Rules). */
class RulesArchitectureTest {

    private static final JavaClasses RULES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.shanghai.techfinance.subsidy.rules");

    @Test
    void rulesDependOnlyOnTheJdkAndThemselves() {
        classes().that().resideInAPackage("..subsidy.rules..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "cn.shanghai.techfinance.subsidy.rules..")
                .check(RULES);
    }

    @Test
    void rulesDoNoIo() {
        noClasses().that().resideInAPackage("..subsidy.rules..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "java.io..", "java.nio..", "java.net..", "java.sql..", "javax.sql..", "org.springframework..")
                .check(RULES);
    }

    @Test
    void rulesDoNotReadTheClock() {
        noClasses().that().resideInAPackage("..subsidy.rules..")
                .should().callMethodWhere(DescribedPredicate.describe(
                        "reads the clock",
                        (JavaMethodCall call) -> call.getTargetOwner().getPackageName().equals("java.time")
                                        && call.getName().equals("now")
                                || call.getTargetOwner().isEquivalentTo(System.class)
                                        && (call.getName().equals("currentTimeMillis") || call.getName().equals("nanoTime"))))
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .check(RULES);
    }

    @Test
    void namesSayWhatAThingIsNotWhatPatternItUses() {
        noClasses().that().resideInAPackage("..subsidy.rules..")
                .should().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Utils")
                .check(RULES);
    }

    @Test
    void rulePackagesAreFreeOfCycles() {
        slices().matching("..subsidy.rules.(*)..").should().beFreeOfCycles().check(RULES);
    }
}
