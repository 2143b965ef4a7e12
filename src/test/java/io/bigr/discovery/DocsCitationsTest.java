package io.bigr.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps comments and the README pointing inside the repository: every citation of the domain reference or the
 * stack notes names {@code docs/}, and every cited section ({@code docs/DOMAIN.md §x}, {@code Appendix A #n},
 * {@code docs/STACK-NOTES.md Qn}) exists as a heading or row of that file. Sections are parsed from the files
 * themselves, so renumbering a heading without updating its citations fails here.
 */
class DocsCitationsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path DOMAIN = ROOT.resolve("docs/DOMAIN.md");
    private static final Path STACK = ROOT.resolve("docs/STACK-NOTES.md");

    /** Names of files outside the repository; spelled in pieces so this file does not cite them itself. */
    private static final Pattern OUTSIDE = Pattern.compile(
            "(?<![\\w/.-])(?:" + "DOMAIN" + "\\.md|" + "STACK" + "\\.md|" + "HOUSE" + "-STYLE)");
    /** A section sign not preceded by an RFC number (those cite the RFC, not our docs). */
    private static final Pattern SECTION = Pattern.compile("(?<!RFC \\d{3,5} )§(\\d+(?:\\.\\d+)*)");
    private static final Pattern APPENDIX = Pattern.compile("Appendix A #(\\d+)");
    private static final Pattern STACK_NOTE = Pattern.compile("STACK-NOTES\\.md Q(\\d+(?:\\.\\d+)?)");
    private static final Set<String> TEXT_EXT = Set.of(".java", ".yaml", ".yml", ".md", ".xml", ".html", ".js",
            ".css", ".txt", ".properties", ".py", ".sh");

    private static Set<String> domainSections;
    private static Set<String> appendixRows;
    private static Set<String> stackNotes;

    @BeforeAll
    static void readDocs() throws IOException {
        assertThat(DOMAIN).as("docs/DOMAIN.md").exists();
        assertThat(STACK).as("docs/STACK-NOTES.md").exists();
        domainSections = new LinkedHashSet<>();
        appendixRows = new LinkedHashSet<>();
        boolean inAppendix = false;
        Pattern heading = Pattern.compile("^#{2,4} (\\d+(?:\\.\\d+)*)\\.? ");
        Pattern row = Pattern.compile("^\\| (\\d+) \\|");
        for (String line : Files.readAllLines(DOMAIN, StandardCharsets.UTF_8)) {
            Matcher h = heading.matcher(line);
            if (h.find()) {
                domainSections.add(h.group(1));
            }
            if (line.startsWith("## ")) {
                inAppendix = line.startsWith("## Appendix A");
            }
            Matcher r = row.matcher(line);
            if (inAppendix && r.find()) {
                appendixRows.add(r.group(1));
            }
        }
        stackNotes = new LinkedHashSet<>();
        Pattern note = Pattern.compile("^#{2,3} Q(\\d+(?:\\.\\d+)?)[. ]");
        for (String line : Files.readAllLines(STACK, StandardCharsets.UTF_8)) {
            Matcher n = note.matcher(line);
            if (n.find()) {
                stackNotes.add(n.group(1));
            }
        }
        assertThat(domainSections).as("headings parsed from docs/DOMAIN.md").contains("0", "3.4", "4.5", "6.3.2");
        assertThat(appendixRows).as("Appendix A rows").contains("1", "15");
        assertThat(stackNotes).as("headings parsed from docs/STACK-NOTES.md").contains("2", "4.6");
    }

    @Test
    void noCitationOfFilesOutsideTheRepository() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path file : scanned()) {
            forEachLine(file, (n, line) -> {
                if (OUTSIDE.matcher(line).find()) {
                    bad.add(where(file, n, line));
                }
            });
        }
        assertThat(bad).as("cite docs/DOMAIN.md, docs/STACK-NOTES.md or docs/ARCHITECTURE.md instead").isEmpty();
    }

    @Test
    void everyCitedSectionExists() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path file : scanned()) {
            forEachLine(file, (n, line) -> {
                Matcher s = SECTION.matcher(line);
                while (s.find()) {
                    if (!domainSections.contains(s.group(1))) {
                        bad.add("§" + s.group(1) + " at " + where(file, n, line));
                    }
                }
                Matcher a = APPENDIX.matcher(line);
                while (a.find()) {
                    if (!appendixRows.contains(a.group(1))) {
                        bad.add("Appendix A #" + a.group(1) + " at " + where(file, n, line));
                    }
                }
                Matcher q = STACK_NOTE.matcher(line);
                while (q.find()) {
                    if (!stackNotes.contains(q.group(1))) {
                        bad.add("Q" + q.group(1) + " at " + where(file, n, line));
                    }
                }
            });
        }
        assertThat(bad).as("cited sections missing from docs/").isEmpty();
    }

    @Test
    void readmeLinksTheDocs() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains("docs/ARCHITECTURE.md", "docs/DOMAIN.md", "## Code map");
    }

    /** src/main, src/test, the README and the other tracked files at the root that carry comments. */
    private static List<Path> scanned() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("src/main", "src/test", "bench")) {
            Path d = ROOT.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(d)) {
                walk.filter(Files::isRegularFile).filter(DocsCitationsTest::isText)
                        .filter(p -> !p.getFileName().toString().equals("DocsCitationsTest.java"))
                        .sorted().forEach(files::add);
            }
        }
        for (String f : List.of("README.md", "pom.xml", "migrations.xml", "render.yaml", "config.yml",
                "config-local.yml", "bigr", "Dockerfile", "Procfile")) {
            Path p = ROOT.resolve(f);
            if (Files.isRegularFile(p)) {
                files.add(p);
            }
        }
        assertThat(files).as("files scanned").isNotEmpty();
        return files;
    }

    private static boolean isText(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && TEXT_EXT.contains(name.substring(dot));
    }

    private interface LineVisitor {
        void visit(int lineNumber, String line);
    }

    private static void forEachLine(Path file, LineVisitor visitor) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return; // not UTF-8 text: carries no citations
        }
        for (int i = 0; i < lines.size(); i++) {
            visitor.visit(i + 1, lines.get(i));
        }
    }

    private static String where(Path file, int n, String line) {
        return ROOT.relativize(file) + ":" + n + ": " + line.strip();
    }
}
