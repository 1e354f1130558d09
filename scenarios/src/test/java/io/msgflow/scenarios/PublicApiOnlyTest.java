package io.msgflow.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The scenarios are written as a user writes tests: with public API only. */
class PublicApiOnlyTest {

    @Test
    void noScenarioTouchesAnInternalPackage() {
        JavaClasses scenarios = new ClassFileImporter().importPath(Path.of("target/test-classes"));
        assertThat(scenarios).as("scenario classes found").hasSizeGreaterThan(10);
        noClasses().should().dependOnClassesThat().resideInAPackage("..internal..")
                .because("internal packages are not API; a scenario that needs one shows a gap in the API")
                .check(scenarios);
    }
}
