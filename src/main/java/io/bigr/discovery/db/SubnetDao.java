package io.bigr.discovery.db;

import io.bigr.discovery.core.Subnet;
import java.time.Instant;
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

    @SqlUpdate("DELETE FROM subnets WHERE cidr = :cidr")
    int remove(String cidr);

    @SqlQuery("SELECT cidr, label, vlan_id, last_scanned, asset_count FROM subnets")
    List<Subnet> all();

    @SqlQuery("SELECT cidr, label, vlan_id, last_scanned, asset_count FROM subnets WHERE cidr = :cidr")
    Optional<Subnet> find(String cidr);

    /** Stats after a scan of exactly this cidr; a no-op for unregistered targets. */
    @SqlUpdate("UPDATE subnets SET last_scanned = :scannedAt, asset_count = :assetCount WHERE cidr = :cidr")
    int updateStats(String cidr, Instant scannedAt, int assetCount);
}
