package io.msgflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The API module's boundaries as plain JUnit tests that call {@code check}: ArchUnit's own
 * {@code @ArchTest} fields were discovered by the build but ran as zero tests, so they guarded
 * nothing. Only this module's compiled classes are imported.
 */
class ApiArchitectureTest {
    private static final JavaClasses API = new ClassFileImporter().importPath(Path.of("target/classes"));

    @Test
    void theModuleHoldsTheApiClasses() {
        assertThat(API.contain(Message.class)).isTrue();
    }

    @Test
    void apiNeverSeesTheAwsSdk() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..")
                .because("msgflow-api must stay transport-neutral")
                .check(API);
    }

    @Test
    void apiNeverSeesJdbcOrTheOtherModules() {
        noClasses().should()
                .dependOnClassesThat().resideInAnyPackage("java.sql..", "io.msgflow.inmemory..", "io.msgflow.aws..",
                        "io.msgflow.postgres..", "io.msgflow.lambda..")
                .check(API);
    }

    @Test
    void publicMethodsDoNotReturnInternalTypes() {
        methods().that().arePublic()
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
                .should().notHaveRawReturnType(JavaClass.Predicates.resideInAPackage("..internal.."))
                .because("internal packages are not API")
                .check(API);
    }
}
