package io.msgflow.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Documentation that cannot lie: every Java and XML block of the project's README files and
 * guides must be a region of a compiled, tested source, named by the comment line before it,
 * {@code <!-- snippet: path/from/the/project/root#name -->}, and equal to the lines between
 * {@code snippet:name} and {@code end-snippet} in that file, less their common indentation.
 */
class DocumentationSnippetsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> CHECKED = Set.of("```java", "```xml");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules", ".git", ".mvn");

    @Test
    void everyJavaAndXmlBlockOfTheDocumentationIsATestedSource() {
        List<String> problems = new ArrayList<>();
        List<Path> documents = documents();
        int blocks = 0;
        for (Path document : documents) {
            blocks += check(document, problems);
        }
        assertThat(documents).as("documents found under %s", ROOT).isNotEmpty();
        assertThat(blocks).as("checked blocks").isPositive();
        assertThat(problems).as("code blocks that are not tested sources").isEmpty();
    }

    @Test
    void aBlockThatDiffersFromItsSourceIsReported() throws IOException {
        Path document = Files.createTempFile("snippet", ".md");
        Files.writeString(document, "<!-- snippet: scenarios/src/test/java/io/msgflow/scenarios/OrderService.java#topology -->\n"
                + "```java\nTopology TOPOLOGY = null;\n```\n\n```xml\n<unmarked/>\n```\n");
        List<String> problems = new ArrayList<>();

        check(document, problems);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("differs from").contains("OrderService.java#topology").contains("static final Topology TOPOLOGY");
        assertThat(problems.get(1)).contains("line 6").contains("no snippet comment");
        Files.delete(document);
    }

    private static List<Path> documents() {
        try (Stream<Path> files = Files.walk(ROOT, 4)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> isGuide(ROOT.relativize(p)) || p.getFileName().toString().equals("README.md"))
                    .filter(p -> !inSkippedDirectory(ROOT.relativize(p)))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isGuide(Path relative) {
        return relative.getNameCount() > 1 && relative.getName(0).toString().equals("docs");
    }

    private static boolean inSkippedDirectory(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /** Adds a line per problem of the document's checked blocks; returns how many blocks it checked. */
    private static int check(Path document, List<String> problems) {
        List<String> lines = read(document);
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!CHECKED.contains(lines.get(i).strip())) {
                continue;
            }
            checked++;
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            String where = (document.startsWith(ROOT) ? ROOT.relativize(document) : document.getFileName()) + " line " + (i + 1);
            String marker = i > 0 ? lines.get(i - 1).strip() : "";
            if (!marker.startsWith("<!-- snippet:") || !marker.endsWith("-->")) {
                problems.add(where + ": no snippet comment names the tested source of this block");
            } else {
                String reference = marker.substring("<!-- snippet:".length(), marker.length() - "-->".length()).strip();
                String block = String.join("\n", lines.subList(i + 1, end));
                String source = snippet(reference, problems, where);
                if (source != null && !source.equals(block)) {
                    problems.add(where + ": block differs from " + reference + ", which reads:\n" + source);
                }
            }
            i = end;
        }
        return checked;
    }

    private static String snippet(String reference, List<String> problems, String where) {
        int hash = reference.indexOf('#');
        Path file = ROOT.resolve(reference.substring(0, Math.max(hash, 0)));
        if (hash < 0 || !Files.isRegularFile(file)) {
            problems.add(where + ": snippet source '" + reference + "' is not a file#name under the project root");
            return null;
        }
        String name = reference.substring(hash + 1);
        List<String> lines = read(file);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.equals("// snippet:" + name) || l.equals("<!-- snippet:" + name + " -->")) {
                start = i + 1;
            }
        }
        int end = start;
        while (start >= 0 && end < lines.size() && !lines.get(end).contains("end-snippet")) {
            end++;
        }
        if (start < 0 || end >= lines.size()) {
            problems.add(where + ": no region 'snippet:" + name + "' ... 'end-snippet' in " + ROOT.relativize(file));
            return null;
        }
        return unindent(lines.subList(start, end));
    }

    private static String unindent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
