package cn.shanghai.techfinance.contracts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The contracts jar is shared by every service and by banks' integrators: plain Java and Jackson only. */
@AnalyzeClasses(packages = "cn.shanghai.techfinance.contracts", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule contractsDoNotDependOnSpring = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
            .because("the contracts module is plain Java (architecture.md): no Spring");
}
