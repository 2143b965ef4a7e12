package io.bigr.discovery.db.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Cidr;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.db.Dialect;
import io.bigr.discovery.testing.TestDb;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every value type binds as its canonical text and maps back, on both databases, through the one Jdbi builder. */
class ValueTypesPluginIT {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void valueTypesRoundTripAsCanonicalText(Dialect dialect) throws Exception {
        try (TestDb db = TestDb.create(dialect)) {
            Jdbi jdbi = db.jdbi();
            assertThat(roundTrip(jdbi, IpAddress.of(" 10.0.0.7"), IpAddress.class)).isEqualTo(IpAddress.of("10.0.0.7"));
            assertThat(text(jdbi, IpAddress.of(" 10.0.0.7"))).isEqualTo("10.0.0.7");
            assertThat(roundTrip(jdbi, MacAddress.of("AA-BB-CC-DD-EE-FF"), MacAddress.class))
                    .isEqualTo(MacAddress.of("aa:bb:cc:dd:ee:ff"));
            assertThat(text(jdbi, MacAddress.of("AA-BB-CC-DD-EE-FF"))).isEqualTo("aa:bb:cc:dd:ee:ff");
            assertThat(roundTrip(jdbi, Cidr.of("10.0.0.5/24"), Cidr.class)).isEqualTo(Cidr.of("10.0.0.0/24"));
            assertThat(text(jdbi, Cidr.of("10.0.0.5/24"))).isEqualTo("10.0.0.0/24");
            for (BigrCategory c : BigrCategory.values()) {
                assertThat(roundTrip(jdbi, c, BigrCategory.class)).isEqualTo(c);
                assertThat(text(jdbi, c)).isEqualTo(c.value());
            }
            BigrCategory unknown = jdbi.withHandle(h -> h.createQuery("SELECT 'printer' AS v")
                    .mapTo(BigrCategory.class).one());
            assertThat(unknown).isEqualTo(BigrCategory.UNCLASSIFIED);
            java.util.Optional<IpAddress> none = jdbi.withHandle(h -> h.createQuery(
                    "SELECT CAST(NULL AS VARCHAR(32)) AS v").mapTo(IpAddress.class).findOne());
            assertThat(none).isEmpty();
            Boolean boundNull = jdbi.withHandle(h -> h.createQuery("SELECT CAST(:v AS VARCHAR(32)) IS NULL AS n")
                    .bindByType("v", null, MacAddress.class).mapTo(Boolean.class).one());
            assertThat(boundNull).isTrue();
        }
    }

    private static <T> T roundTrip(Jdbi jdbi, T value, Class<T> type) {
        return jdbi.withHandle(h -> h.createQuery("SELECT CAST(:v AS VARCHAR(64)) AS v").bind("v", value)
                .mapTo(type).one());
    }

    private static String text(Jdbi jdbi, Object value) {
        return jdbi.withHandle(h -> h.createQuery("SELECT CAST(:v AS VARCHAR(64)) AS v").bind("v", value)
                .mapTo(String.class).one());
    }
}
