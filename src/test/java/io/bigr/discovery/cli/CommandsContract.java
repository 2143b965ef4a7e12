package io.bigr.discovery.cli;

import static io.bigr.discovery.testing.TestData.asset;
import static io.bigr.discovery.testing.TestData.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.testing.Cli;
import io.bigr.discovery.testing.TestDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The everyday commands as a user runs them (separate JVM, real exit codes), against one database per subclass:
 * SQLite through the default configuration, PostgreSQL through config.yml and a libpq-style DATABASE_URL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CommandsContract {
    private TestDb db;

    abstract TestDb newDatabase();
    /** Environment that points the command at the test database. */
    Map<String, String> env(TestDb db) {
        return Cli.env(db);
    }
    /** Config-file arguments appended to every command. */
    List<String> config() {
        return Cli.config(db);
    }

    @BeforeAll
    void open() {
        db = newDatabase();
    }

    @AfterAll
    void close() throws Exception {
        db.close();
    }

    private Cli.Result bigr(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(config());
        return Cli.run(env(db), all.toArray(String[]::new));
    }

    private static com.fasterxml.jackson.databind.JsonNode json(Cli.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        try {
            return io.bigr.discovery.core.Json.MAPPER.readTree(r.out());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }

    private long tables() {
        String sql = db.dialect() == Dialect.SQLITE
                ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('scans','assets','scan_assets',"
                    + "'asset_changes','subnets','switches','certificates')"
                : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN "
                    + "('scans','assets','scan_assets','asset_changes','subnets','switches','certificates')";
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static long changeSets() {
        try {
            return java.util.regex.Pattern.compile("<changeSet ").matcher(
                    java.nio.file.Files.readString(java.nio.file.Path.of(Cli.repoFile("migrations.xml")))).results()
                    .count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void migrateStatusRollbackMigrate() {
        Cli.Result migrate = bigr("db", "migrate");
        assertThat(migrate.exit()).as(migrate.toString()).isZero();
        assertThat(tables()).isEqualTo(7);

        Cli.Result status = bigr("db", "status");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("is up to date");

        // Every changeSet, however many features have appended theirs to migrations.xml.
        Cli.Result rollback = bigr("db", "rollback", "--count", String.valueOf(changeSets()));
        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        assertThat(tables()).isZero();

        assertThat(bigr("db", "migrate").exit()).isZero();
        assertThat(tables()).isEqualTo(7);
    }

    @Test
    @Order(2)
    void subnetsAddListRemove() {
        Cli.Result add = bigr("subnets", "add", "192.168.1.0/24", "--label", "Ofis", "--vlan", "10");
        assertThat(add.exit()).as(add.toString()).isZero();
        assertThat(add.out()).contains("Added subnet 192.168.1.0/24 (VLAN 10)");
        Cli.Result list = bigr("subnets", "list");
        assertThat(list.out()).contains("192.168.1.0/24").contains("Ofis").contains("10");
        Cli.Result bad = bigr("subnets", "add", "192.168.1.300/24");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).startsWith("Error: Invalid CIDR").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(bigr("subnets", "remove", "192.168.1.0/24").out()).contains("Removed subnet 192.168.1.0/24");
        assertThat(bigr("subnets", "list").out()).contains("No subnets registered");
    }

    @Test
    @Order(3)
    void tagHistoryChangesOverSavedScans() {
        db.daos().store().save(scan("10.0.0.0/24",
                asset("10.0.0.1", "00:1e:bd:aa:bb:cc", "core-sw-01", "Cisco", BigrCategory.AG_VE_SISTEMLER, 1.0, 22)));

        Cli.Result tag = bigr("tag", "10.0.0.1", "--category", "iot", "--note", "kamera");
        assertThat(tag.exit()).as(tag.toString()).isZero();
        assertThat(tag.out()).contains("Tagged 10.0.0.1 → IoT").contains("kamera");
        assertThat(bigr("tags").out()).contains("10.0.0.1").contains("IoT").contains("kamera");

        Cli.Result rejected = bigr("tag", "10.0.0.1", "--category", "unclassified");
        assertThat(rejected.exit()).isEqualTo(1);
        assertThat(rejected.err()).contains("Invalid category 'unclassified'");
        Cli.Result noCategory = bigr("tag", "10.0.0.1");
        assertThat(noCategory.exit()).isEqualTo(2);
        assertThat(noCategory.err().lines().toList()).as(noCategory.toString()).hasSize(2);
        assertThat(noCategory.err()).contains("no category given").contains("try: bigr tag --help");

        // The README's form: the category as the second positional, then the config file.
        Cli.Result positional = bigr("tag", "10.0.0.1", "ag_ve_sistemler");
        assertThat(positional.exit()).as(positional.toString()).isZero();
        assertThat(positional.out()).contains("Tagged 10.0.0.1 → Ağ ve Sistemler");
        com.fasterxml.jackson.databind.JsonNode tags = json(bigr("tags", "--format", "json"));
        assertThat(tags).hasSize(1);
        assertThat(tags.get(0).path("ip").asText()).isEqualTo("10.0.0.1");
        assertThat(tags.get(0).path("manual_category").asText()).isEqualTo("ag_ve_sistemler");

        // An address the inventory does not hold is an error, and nothing is stored.
        Cli.Result unknown = bigr("tag", "10.9.9.9", "iot");
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.err().strip()).isEqualTo("Error: 10.9.9.9 is not in the inventory (nothing tagged); "
                + "scan or import it first");
        assertThat(bigr("untag", "10.9.9.9").exit()).isEqualTo(1);
        assertThat(db.daos().assets().tagged()).extracting(a -> a.ip()).containsExactly("10.0.0.1");

        assertThat(bigr("untag", "10.0.0.1").out()).contains("Untagged 10.0.0.1");
        assertThat(bigr("tags").out()).contains("No manual overrides");

        Cli.Result history = bigr("history", "--limit", "5");
        assertThat(history.out()).contains("10.0.0.0/24").contains("2026-01-15 10:00:00").contains("300.0s");
        Cli.Result changes = bigr("changes");
        assertThat(changes.out()).contains("new_asset").contains("10.0.0.1");
        com.fasterxml.jackson.databind.JsonNode scans = json(bigr("history", "-n", "5", "--format", "json"));
        assertThat(scans.get(0).path("target").asText()).isEqualTo("10.0.0.0/24");
        com.fasterxml.jackson.databind.JsonNode changeList = json(bigr("changes", "--format", "json"));
        assertThat(changeList.findValuesAsText("change_type")).contains("new_asset");
        assertThat(json(bigr("subnets", "list", "--format", "json")).isArray()).isTrue();
        assertThat(json(bigr("certs", "list", "--format", "json")).isArray()).isTrue();
        assertThat(json(bigr("certs", "expiring", "--format", "json")).isArray()).isTrue();
        assertThat(json(bigr("snmp", "list", "--format", "json")).isArray()).isTrue();
        Cli.Result badFormat = bigr("history", "--format", "xml");
        assertThat(badFormat.exit()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format must be one of table, json");
        Cli.Result badLimit = bigr("changes", "--limit", "0");
        assertThat(badLimit.exit()).isEqualTo(1);
        assertThat(badLimit.err()).contains("--limit must be between 1 and");
    }
}
