package io.msgflow.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeTest {

    @Test
    void theReadmeShowsTheTestedExampleVerbatim() throws IOException {
        String test = Files.readString(Path.of("src/test/java/io/msgflow/inmemory/ReadmeExampleTest.java"));
        String example = test.substring(test.indexOf("// README-BEGIN\n") + "// README-BEGIN\n".length(), test.indexOf("// README-END"));

        assertThat(Files.readString(Path.of("README.md"))).contains("```java\n" + example + "```");
    }
}
