package io.msgflow.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Plain JUnit tests that check ArchUnit rules, so that they run (and fail) with the other tests. */
class HarnessArchitectureTest {
    private static final JavaClasses HARNESS = new ClassFileImporter().importPath(Path.of("target/classes"));

    @Test
    void theHarnessStandsOnPublicApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("..internal..")
                .because("the harness is what users could write themselves, on the public API of msgflow")
                .check(HARNESS);
    }

    @Test
    void onlyTheAssertionsNeedAssertJ() {
        noClasses().that().doNotHaveSimpleName("FlowAssertions").and().doNotHaveSimpleName("FlowHarnessAssert")
                .and().doNotHaveSimpleName("TimelineDescription")
                .should().dependOnClassesThat().resideInAPackage("org.assertj..")
                .because("AssertJ is an optional dependency: the harness must work without it")
                .check(HARNESS);
    }
}
