package io.msgflow.examples.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * template.yaml lints clean with cfn-lint (which applies the SAM transform first): no error, no
 * warning. cfn-lint is a Python tool that the build cannot install from the project's own files,
 * so this test runs where {@code cfn-lint} is on the PATH and is skipped, saying so, elsewhere.
 */
class TemplateLintTest {

    @Test
    void theTemplateLintsWithoutErrorsOrWarnings() throws Exception {
        Optional<Path> cfnLint = Command.onPath("cfn-lint");
        assumeTrue(cfnLint.isPresent(), "cfn-lint is not on the PATH: the template lint is skipped");

        Command lint = Command.run(List.of(cfnLint.get().toString(), "--format", "parseable", Template.FILE.toString()), Map.of());

        assertThat(lint.output()).as("cfn-lint findings").isEmpty();
        assertThat(lint.exitCode()).isZero();
    }

    @Test
    void aBrokenTemplateFailsTheLint() throws Exception {
        Optional<Path> cfnLint = Command.onPath("cfn-lint");
        assumeTrue(cfnLint.isPresent(), "cfn-lint is not on the PATH: the template lint is skipped");
        Path broken = Files.createDirectories(Path.of("target", "lint")).resolve("broken-template.yaml");
        Files.writeString(broken, Files.readString(Template.FILE).replace("MessageRetentionPeriod: 604800", "MessageRetentionPeriod: 1209601"));

        Command lint = Command.run(List.of(cfnLint.get().toString(), "--format", "parseable", broken.toString()), Map.of());

        assertThat(lint.exitCode()).isNotZero();
        assertThat(lint.output()).contains("E3034", "1209601");
    }
}
