package io.bigr.discovery.snmp;

import java.util.List;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

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
            WHERE a.mac = :mac AND s.started_at = (SELECT MAX(s2.started_at) FROM scan_assets sa2
                                                  JOIN scans s2 ON s2.id = sa2.scan_id
                                                  WHERE sa2.asset_id = sa.asset_id)""")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(Latest.class)
    List<Latest> latestOf(String mac);

    @SqlUpdate("UPDATE scan_assets SET raw_evidence = :rawEvidence WHERE scan_id = :scanId AND asset_id = :assetId")
    int setEvidence(String scanId, String assetId, String rawEvidence);

}
