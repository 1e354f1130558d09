package io.msgflow.stepfunctions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.msgflow.stepfunctions", importOptions = ImportOption.DoNotIncludeTests.class)
class StepFunctionsArchitectureTest {

    @ArchTest
    static final ArchRule noAwsSdkNoOtherModulesInternals = noClasses().should()
            .dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.amazonaws..", "io.msgflow.internal..",
                    "io.msgflow.inmemory..", "io.msgflow.aws..", "io.msgflow.postgres..", "io.msgflow.lambda..")
            .because("the interpreter runs any state machine and knows nothing of transports");

    @ArchTest
    static final ArchRule publicMethodsDoNotReturnInternalTypes = methods().that().arePublic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
            .should().notHaveRawReturnType(JavaClass.Predicates.resideInAPackage("..internal.."))
            .because("internal packages are not API");
}
