package io.msgflow.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The project README's quick start is the tested code of {@link QuickStartExampleTest}. */
class ProjectReadmeTest {

    @Test
    void theQuickStartIsTheTestedExample() throws IOException {
        String test = Files.readString(Path.of("src/test/java/io/msgflow/processing/QuickStartExampleTest.java"));
        String body = test.substring(test.indexOf("// QUICKSTART-BEGIN\n") + "// QUICKSTART-BEGIN\n".length(),
                test.indexOf("        // QUICKSTART-END"));
        String unindented = body.lines().map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                .collect(Collectors.joining("\n", "", "\n"));
        assertThat(Files.readString(Path.of("../README.md"))).contains("```java\n" + unindented + "```");
    }
}
