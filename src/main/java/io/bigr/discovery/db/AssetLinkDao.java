package io.bigr.discovery.db;

import io.bigr.discovery.core.AssetLink;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Links between an asset and the other MACs and addresses it has had (docs/DOMAIN.md §3.17): {@code auto} (a
 * randomised MAC that rotated), {@code merge} (a user merged another row into it) and {@code split} (a user took a
 * MAC apart: that MAC is never linked to that asset again).
 */
public interface AssetLinkDao {
    @SqlUpdate("""
            INSERT INTO asset_links (asset_id, mac, ip, source, confidence, signals, linked_at)
            VALUES (:assetId, :mac, :ip, :source, :confidence, :signals, :linkedAt)""")
    void insert(String assetId, String mac, String ip, String source, Double confidence, String signals,
                Instant linkedAt);

    @SqlQuery("SELECT asset_id, mac, ip, source, confidence, signals, linked_at FROM asset_links"
            + " WHERE asset_id = :assetId ORDER BY linked_at, id")
    @RegisterRowMapper(AssetLinkDao.Mapper.class)
    List<AssetLink> of(String assetId);

    /** The split links naming any of {@code macs}: pairs that must not be linked again. */
    @SqlQuery("SELECT asset_id, mac, ip, source, confidence, signals, linked_at FROM asset_links"
            + " WHERE source = 'split' AND mac IN (<macs>)")
    @RegisterRowMapper(AssetLinkDao.Mapper.class)
    List<AssetLink> refusals(@BindList("macs") Collection<String> macs);

    @SqlUpdate("UPDATE asset_links SET asset_id = :to WHERE asset_id = :from")
    int move(String from, String to);

    @SqlUpdate("DELETE FROM asset_links WHERE asset_id = :assetId AND mac = :mac AND source IN ('auto', 'merge')")
    int unlink(String assetId, String mac);

    final class Mapper implements RowMapper<AssetLink> {
        @Override
        public AssetLink map(ResultSet rs, StatementContext ctx) throws SQLException {
            double value = rs.getDouble("confidence");
            Double confidence = rs.wasNull() ? null : value;
            return new AssetLink(rs.getString("asset_id"), rs.getString("mac"), rs.getString("ip"),
                    rs.getString("source"), confidence, rs.getString("signals"),
                    Jdbc.instant(rs, "linked_at"));
        }
    }
}
