package io.bigr.discovery.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Json;
import java.util.List;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Writes how sure a switch placement is into the evidence of the asset's latest snapshot
 * ({@code scan_assets.raw_evidence.switch_port}), so the asset page shows it next to the switch columns.
 */
public interface SwitchEvidenceDao {
    /** The latest snapshot of each inventory row with this MAC: (scan id, asset id, evidence text). */
    record Latest(String scanId, String assetId, String rawEvidence) {
    }

    @SqlQuery("""
            SELECT sa.scan_id, sa.asset_id, sa.raw_evidence
            FROM scan_assets sa JOIN scans s ON s.id = sa.scan_id JOIN assets a ON a.id = sa.asset_id
            WHERE a.mac = :mac AND""" + SnapshotDao.IS_LATEST)
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(Latest.class)
    List<Latest> latestOf(String mac);

    @SqlUpdate("UPDATE scan_assets SET raw_evidence = :rawEvidence WHERE scan_id = :scanId AND asset_id = :assetId")
    int setEvidence(String scanId, String assetId, String rawEvidence);

    @CreateSqlObject
    AssetDao assets();

    /** Where a switch saw one MAC: its port name and bridge port, and the evidence note for the asset page. */
    record Placement(String mac, String port, Integer portIndex, JsonNode note) {
    }

    /**
     * Places every inventory row with each MAC on the switch port, in one transaction, and writes the placement's
     * note into {@code switch_port} of each such row's latest snapshot evidence. Returns the inventory rows placed.
     */
    @Transaction
    default int place(String switchHost, List<Placement> placements) {
        AssetDao assets = assets();
        int n = 0;
        for (Placement p : placements) {
            int rows = assets.placeByMac(p.mac(), switchHost, p.port(), p.portIndex());
            n += rows;
            if (rows > 0) {
                for (Latest latest : latestOf(p.mac())) {
                    ObjectNode ev = Json.parseObject(latest.rawEvidence());
                    ev.set("switch_port", p.note());
                    setEvidence(latest.scanId(), latest.assetId(), Json.write(ev));
                }
            }
        }
        return n;
    }

}
