package io.bigr.discovery.db.mapping;

import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Cidr;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.MacAddress;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.spi.JdbiPlugin;

/**
 * Teaches a Jdbi the project's value types: each is stored as its canonical text ({@code value()}) and read back
 * through its parser. {@link BigrCategory} reads leniently (a stored value outside the five becomes
 * {@code unclassified}, as every reader of stored data always treated it), and binds its wire value, not the enum
 * constant's name. Time columns read through {@link StoredInstants}, which no stored value can fail.
 */
public final class ValueTypesPlugin extends JdbiPlugin.Singleton {
    static final List<TextValueMapping<?>> MAPPINGS = List.of(
            new TextValueMapping<>(IpAddress.class, IpAddress::of, IpAddress::value),
            new TextValueMapping<>(MacAddress.class, MacAddress::ofNullable, MacAddress::value),
            new TextValueMapping<>(Cidr.class, Cidr::of, Cidr::value),
            new TextValueMapping<>(BigrCategory.class, BigrCategory::fromValue, BigrCategory::value));

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        MAPPINGS.forEach(m -> m.registerOn(jdbi));
        jdbi.registerColumnMapper(java.time.Instant.class, new StoredInstants());
    }
}
