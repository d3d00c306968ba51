package cn.shanghai.techfinance.subsidy.documents;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The document writers are pure: plain records in, bytes or text out. No Spring, no database, no
 * other subsidy package — whoever serves a document maps its own rows to these records.
 */
class DocumentsArchitectureTest {

    private static final JavaClasses DOCUMENTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.shanghai.techfinance.subsidy.documents");

    @Test
    void documentsDependOnlyOnTheJdkTheContractsAndPoi() {
        classes().that().resideInAPackage("..subsidy.documents..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java.lang..", "java.math..", "java.time..",
                        "java.util..", "java.io..", "javax.xml.stream..", "org.apache.poi..",
                        "cn.shanghai.techfinance.contracts..", "cn.shanghai.techfinance.subsidy.documents..")
                .check(DOCUMENTS);
    }
}
