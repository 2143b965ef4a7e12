package io.bigr.discovery.db;

import io.bigr.discovery.core.InputBounds;
import io.bigr.discovery.core.Subnet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Registered subnets. Lists are returned in code-point order of {@code cidr} on both databases (the store sorts;
 * PostgreSQL's default collation would not).
 */
@RegisterConstructorMapper(Subnet.class)
public interface SubnetDao {
    /** Adds or relabels; last_scanned and asset_count survive a relabel. */
    @SqlUpdate("""
            INSERT INTO subnets (cidr, label, vlan_id, asset_count) VALUES (:cidr, :label, :vlanId, 0)
            ON CONFLICT (cidr) DO UPDATE SET label = excluded.label, vlan_id = excluded.vlan_id""")
    void upsert(String cidr, String label, Integer vlanId);

    /** Registers a subnet (a missing label is stored as empty text) or relabels it. */
    default void add(String cidr, String label, Integer vlanId) {
        String l = InputBounds.text("label", label, 200);
        upsert(InputBounds.cidr("cidr", cidr).value(), l == null ? "" : l,
                InputBounds.vlan("vlan_id", vlanId == null ? null : vlanId.longValue()));
    }

    /** True when the subnet was registered. */
    @SqlUpdate("DELETE FROM subnets WHERE cidr = :cidr")
    boolean remove(String cidr);

    @SqlQuery("SELECT cidr, label, vlan_id, last_scanned, asset_count FROM subnets")
    List<Subnet> unordered();

    /** Every registered subnet, ordered by cidr in code-point order, identically on both databases. */
    default List<Subnet> all() {
        List<Subnet> all = new ArrayList<>(unordered());
        all.sort(Comparator.comparing(Subnet::cidr));
        return all;
    }

    @SqlQuery("SELECT cidr, label, vlan_id, last_scanned, asset_count FROM subnets WHERE cidr = :cidr")
    Optional<Subnet> find(String cidr);

    /** Stats after a scan of exactly this cidr; a no-op for unregistered targets. */
    @SqlUpdate("UPDATE subnets SET last_scanned = :scannedAt, asset_count = :assetCount WHERE cidr = :cidr")
    int updateStats(String cidr, Instant scannedAt, int assetCount);
}
