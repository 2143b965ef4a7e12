package io.bigr.discovery.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards "one way to the data": outside {@code db/} and the wiring classes, no main class touches a {@code Jdbi} or a
 * {@code Handle}; every other class gets the DAOs (or the data services of {@code db/}) it needs through its
 * constructor. Fails naming each offending file and line.
 */
class DataAccessRuleTest {
    private static final Path MAIN = Path.of("src/main/java/io/bigr/discovery");
    /** Classes that may build or hold the Jdbi: the server's run, the command base class. */
    private static final Set<String> WIRING = Set.of("BigrApplication.java", "cli/StoreCommand.java");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\.(withHandle|useHandle|withExtension|useExtension|inTransaction|useTransaction|onDemand|attach)\\("
            + "|\\bjdbi\\(\\)\\.|\\.jdbi\\(\\)|\\bJdbi\\.create\\(|\\bHandle\\b|import org\\.jdbi\\.v3\\.core\\.(Jdbi|Handle);");

    @Test
    void onlyDbAndTheWiringReachTheDatabaseOtherThanThroughDaos() throws IOException {
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String rel = MAIN.relativize(file).toString().replace('\\', '/');
                if (rel.startsWith("db/") || WIRING.contains(rel)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).strip();
                    if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) {
                        continue;
                    }
                    Matcher m = FORBIDDEN.matcher(code);
                    if (m.find()) {
                        offences.add(rel + ":" + (i + 1) + ": " + code);
                    }
                }
            }
        }
        assertThat(offences).as("Jdbi/Handle use outside db/ and the wiring; hand the class a DAO instead").isEmpty();
    }

    @Test
    void theRuleSeesAnEscapeHatch() {
        assertThat(FORBIDDEN.matcher("store.jdbi().withExtension(ScanDao.class, ScanDao::latest)").find()).isTrue();
        assertThat(FORBIDDEN.matcher("try (Handle h = jdbi.open()) {").find()).isTrue();
        assertThat(FORBIDDEN.matcher("h.attach(SnapshotDao.class)").find()).isTrue();
        assertThat(FORBIDDEN.matcher("daos.scans().latest()").find()).isFalse();
    }
}
