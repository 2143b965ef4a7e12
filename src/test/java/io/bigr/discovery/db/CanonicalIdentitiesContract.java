package io.bigr.discovery.db;

import static io.bigr.discovery.testing.TestData.T0;
import static io.bigr.discovery.testing.TestData.asset;
import static io.bigr.discovery.testing.TestData.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.InventoryAsset;
import io.bigr.discovery.db.migrate.CanonicalIdentities;
import io.bigr.discovery.testing.DatabaseContract;
import io.bigr.discovery.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code 12-5-canonical-identities} migration (docs/DOMAIN.md §3.17) on rows an earlier release stored as typed:
 * inet_aton and upper-case/dashed forms become canonical, rows that are then one (ip, mac) merge into the one first
 * seen with their history, changes and tag kept, and the merged text is recorded as a link. Once per database by
 * {@link SqliteCanonicalIdentitiesIT} and {@link PostgresCanonicalIdentitiesIT}.
 */
abstract class CanonicalIdentitiesContract extends DatabaseContract {

    @Test
    void legacyTextIsRewrittenAndDuplicatesMergeWithTheirHistory() throws Exception {
        daos.store().save(scan("10.0.0.0/24", T0, asset("10.0.0.1", "aa:bb:cc:dd:ee:ff", "nas", "Synology",
                BigrCategory.UYGULAMALAR, 0.8, 445)));
        daos.store().save(scan("10.0.0.0/24", T0.plusSeconds(3600), asset("10.0.0.9", "aa:bb:cc:dd:ee:fe", "nas",
                "Synology", BigrCategory.UYGULAMALAR, 0.8, 445, 5000)));
        daos.store().save(scan("10.0.0.0/24", T0.plusSeconds(7200), asset("10.0.0.3", null, null, null,
                BigrCategory.UNCLASSIFIED, 0.0)));
        // What an earlier release kept as typed: the second row is the first device in other spellings.
        db.execute("UPDATE assets SET ip = '10.1', mac = 'AA-BB-CC-DD-EE-FF', manual_category = 'uygulamalar',"
                + " manual_note = 'file server' WHERE ip = '10.0.0.9'");
        db.execute("UPDATE assets SET ip = '167772163' WHERE ip = '10.0.0.3'");
        db.independentJdbi().useHandle(h -> h.createUpdate("UPDATE assets SET first_seen = :t WHERE ip = '10.1'")
                .bind("t", T0.plusSeconds(3600)).execute());
        long changesBefore = daos.changes().feed(new ChangeDao.Filter(null, null, null, null), 100, 0).size();

        int[] done = db.independentJdbi().withHandle(h -> CanonicalIdentities.run(h.getConnection()));
        assertThat(done).containsExactly(1, 1); // 167772163 rewritten; the second NAS row merged

        List<InventoryAsset> rows = daos.assets().all();
        assertThat(rows).extracting(InventoryAsset::ip).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.3");
        InventoryAsset nas = daos.assets().byIp("10.0.0.1").get(0);
        assertThat(nas.mac()).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(nas.manualCategory()).isEqualTo("uygulamalar");
        assertThat(nas.firstSeen()).isEqualTo(T0);
        assertThat(daos.snapshots().history("10.0.0.1", null)).hasSize(2);
        assertThat(daos.changes().feed(new ChangeDao.Filter(null, null, null, null), 100, 0)).hasSize(
                (int) changesBefore);
        assertThat(daos.store().links(nas.id())).singleElement().satisfies(l -> {
            assertThat(l.source()).isEqualTo("merge");
            assertThat(l.ip()).isEqualTo("10.1");
            assertThat(l.mac()).isEqualTo("AA-BB-CC-DD-EE-FF");
        });

        // Run again: nothing left to do.
        int[] again = db.independentJdbi().withHandle(h -> CanonicalIdentities.run(h.getConnection()));
        assertThat(again).containsExactly(0, 0);
    }

    @Test
    void theChangeSetIsInTheChangelog() throws Exception {
        String changelog = Files.readString(Path.of(System.getProperty("user.dir"), "migrations.xml"));
        assertThat(changelog).contains("<customChange class=\"" + CanonicalIdentities.class.getName() + "\"/>");
    }
}
