package io.bigr.discovery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.BigrApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The command line explains itself (in-process, no database): every command form of the README's command table
 * exists with the options it shows, every registered command is documented there and placed in a group of
 * {@code bigr --help}, short flags mean one thing, defaults are shown once, and a usage error is one line plus a hint.
 */
class CommandFormsTest {
    private static final Pattern SHORT_LONG = Pattern.compile("(?m)^\\s+(-[a-zA-Z])(?: \\S+)?, (--[a-z][a-z0-9-]*)");
    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z0-9-]*");

    /** Output and outcome of one in-process run. */
    record Run(Optional<Throwable> failure, String out, String err) {
    }

    private static ByteArrayOutputStream outBuffer = new ByteArrayOutputStream();
    private static ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
    private static final PrintStream OUT = new PrintStream(new java.io.OutputStream() {
        @Override
        public void write(int b) {
            outBuffer.write(b);
        }
    }, true, StandardCharsets.UTF_8);
    private static final PrintStream ERR = new PrintStream(new java.io.OutputStream() {
        @Override
        public void write(int b) {
            errBuffer.write(b);
        }
    }, true, StandardCharsets.UTF_8);
    /** One command line for the class (building it configures every command once). */
    private static final BigrCli CLI = new BigrApplication().cli(OUT, ERR);

    static synchronized Run bigr(String... args) {
        outBuffer = new ByteArrayOutputStream();
        errBuffer = new ByteArrayOutputStream();
        PrintStream realOut = System.out;
        System.setOut(OUT);
        try {
            Optional<Throwable> failure = CLI.run(args);
            OUT.flush();
            ERR.flush();
            return new Run(failure, outBuffer.toString(StandardCharsets.UTF_8),
                    errBuffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(realOut);
        }
    }

    /** The README command table's first cells ({@code bigr ...}), unescaped. */
    static List<String> readmeForms() throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("user.dir"), "README.md"));
        String section = readme.substring(readme.indexOf("## Everyday commands"), readme.indexOf("**Short options**"));
        List<String> forms = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| `(bigr [^`]*)` \\|").matcher(section);
        while (m.find()) {
            forms.add(m.group(1).replace("\\|", "|"));
        }
        return forms;
    }

    /** The command path of a form, alternatives expanded: {@code bigr vuln seed|stats} → [vuln seed], [vuln stats]. */
    static List<List<String>> paths(String form) {
        List<List<String>> paths = new ArrayList<>();
        paths.add(new ArrayList<>());
        String[] words = form.split("\\s+");
        for (int i = 1; i < words.length && words[i].matches("[a-z][a-z0-9-]*(\\|[a-z][a-z0-9-]*)*"); i++) {
            List<List<String>> next = new ArrayList<>();
            for (String alt : words[i].split("\\|")) {
                for (List<String> p : paths) {
                    List<String> q = new ArrayList<>(p);
                    q.add(alt);
                    next.add(q);
                }
            }
            paths = next;
        }
        return paths;
    }

    @Test
    void everyReadmeFormHasTheOptionsItShows() throws IOException {
        List<String> forms = readmeForms();
        assertThat(forms).hasSizeGreaterThan(30);
        for (String form : forms) {
            for (List<String> path : paths(form)) {
                List<String> args = new ArrayList<>(path);
                args.add("--help");
                Run help = bigr(args.toArray(String[]::new));
                assertThat(help.failure()).as(form + " → " + path + "\n" + help.err()).isEmpty();
                assertThat(help.out()).as(form).startsWith("usage: bigr " + String.join(" ", path).split(" ")[0]);
                Matcher option = OPTION.matcher(form);
                while (option.find()) {
                    assertThat(help.out()).as(form + ": " + option.group() + " in bigr " + path + " --help")
                            .contains(option.group());
                }
            }
        }
    }

    @Test
    void everyCommandIsDocumentedAndGrouped() throws IOException {
        Set<String> documented = new LinkedHashSet<>();
        readmeForms().forEach(f -> paths(f).forEach(p -> documented.add(p.get(0))));
        String overview = bigr("--help").out();
        assertThat(overview).startsWith("usage: bigr COMMAND");
        assertThat(overview).doesNotContain("Other commands").doesNotContain("java -jar");
        Set<String> listed = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^  ([a-z]+) +(\\S.*)$").matcher(overview);
        while (m.find()) {
            listed.add(m.group(1));
        }
        assertThat(listed).as("bigr --help lists every command with a description").hasSizeGreaterThan(20);
        assertThat(documented).as("README command table").containsExactlyInAnyOrderElementsOf(listed);
        for (String group : List.of("Scanning:", "Inventory:", "Reports:", "Import, export and integrations:",
                "Server and database:")) {
            assertThat(overview).contains("\n" + group + "\n");
        }
    }

    @Test
    void shortFlagsMeanOneThingAndDefaultsShowOnce() throws IOException {
        Set<String> helps = new LinkedHashSet<>();
        for (String form : readmeForms()) {
            for (List<String> path : paths(form)) {
                List<String> args = new ArrayList<>(path);
                args.add("--help");
                helps.add(bigr(args.toArray(String[]::new)).out());
            }
        }
        helps.add(bigr("db", "dump", "--help").out());
        int pairs = 0;
        for (String help : helps) {
            Matcher m = SHORT_LONG.matcher(help);
            while (m.find()) {
                assertThat(m.group(2)).as(m.group() + " in\n" + help).isEqualTo(FlagPolicy.SHORT.get(m.group(1)));
                pairs++;
            }
            String flat = help.replaceAll("\\s+", " ");
            assertThat(flat).doesNotContain("(default: false)").doesNotContain("(default: true)")
                    .doesNotContainPattern("\\(default:? [^)]*\\) \\(default");
        }
        assertThat(pairs).as("short flags seen").isGreaterThan(10);
        String history = bigr("history", "--help").out().replaceAll("\\s+", " ");
        assertThat(history).contains("-n LIMIT, --limit LIMIT how many scans (default: 20)");
        assertThat(bigr("snmp", "add", "--help").out()).doesNotContain("-v VERSION").doesNotContain("-c COMMUNITY");
    }

    @Test
    void aUsageErrorIsOneLinePlusAHint() {
        Run bad = bigr("scan", "--bogus");
        assertThat(bad.failure()).isPresent();
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err().lines().toList()).containsExactly("Error: unrecognized arguments: '--bogus'",
                "try: bigr scan --help");
        Run subnets = bigr("subnets", "add");
        assertThat(subnets.err().lines().toList()).hasSize(2);
        assertThat(subnets.err()).contains("try: bigr subnets add --help");
        Run unknown = bigr("frobnicate");
        assertThat(unknown.err().lines().toList()).containsExactly("Error: unknown command 'frobnicate'",
                "try: bigr --help");
    }
}
