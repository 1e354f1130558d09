package io.msgflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.msgflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiArchitectureTest {

    @ArchTest
    static final ArchRule apiNeverSeesTheAwsSdk = noClasses().should()
            .dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..")
            .because("msgflow-api must stay transport-neutral");

    @ArchTest
    static final ArchRule apiNeverSeesJdbcOrTheEmulator = noClasses().should()
            .dependOnClassesThat().resideInAnyPackage("java.sql..", "io.msgflow.inmemory..", "io.msgflow.aws..", "io.msgflow.postgres..");

    @ArchTest
    static final ArchRule publicMethodsDoNotReturnInternalTypes = methods().that().arePublic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
            .should().notHaveRawReturnType(JavaClass.Predicates.resideInAPackage("..internal.."))
            .because("internal packages are not API");
}
