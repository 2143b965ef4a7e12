package io.bigr.discovery.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import io.bigr.discovery.vuln.CpeMatch;
import io.bigr.discovery.vuln.CveEntry;
import io.bigr.discovery.vuln.VulnerabilityEngine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The CVE store tables ({@code cves}, {@code cve_cpe_matches}, {@code cve_sync_log}). Identical SQL on SQLite and
 * PostgreSQL: case-insensitive lookups compare the stored lower-case columns, never a collation.
 */
@RegisterRowMapper(CveDao.EntryMapper.class)
public interface CveDao {
    String ENTRY = "c.cve_id, c.cvss_score, c.severity, c.description, c.affected_vendor, c.affected_product, c.cpe,"
            + " c.published, c.fix_available, c.cisa_kev, c.seq";

    /** One cves row to write; {@code seq} is used only when the row is new. */
    record Write(String cveId, double cvssScore, String severity, String description, String affectedVendor,
                 String affectedProduct, String cpe, String published, boolean fixAvailable, boolean cisaKev,
                 String vendorLc, String productLc, long seq) {
        Write withSeq(long next) {
            return new Write(cveId, cvssScore, severity, description, affectedVendor, affectedProduct, cpe, published,
                    fixAvailable, cisaKev, vendorLc, productLc, next);
        }
    }

    /** One cve_cpe_matches row to write. */
    record MatchWrite(String cveId, String criteria, String vendorLc, String productLc, String versionStartIncluding,
                      String versionStartExcluding, String versionEndIncluding, String versionEndExcluding,
                      boolean vulnerable) {
    }

    @SqlBatch("""
            INSERT INTO cves (cve_id, cvss_score, severity, description, affected_vendor, affected_product, cpe,
                              published, fix_available, cisa_kev, vendor_lc, product_lc, seq)
            VALUES (:cveId, :cvssScore, :severity, :description, :affectedVendor, :affectedProduct, :cpe, :published,
                    :fixAvailable, :cisaKev, :vendorLc, :productLc, :seq)
            ON CONFLICT (cve_id) DO UPDATE SET cvss_score = excluded.cvss_score, severity = excluded.severity,
                description = excluded.description, affected_vendor = excluded.affected_vendor,
                affected_product = excluded.affected_product, cpe = excluded.cpe, published = excluded.published,
                fix_available = excluded.fix_available, cisa_kev = excluded.cisa_kev, vendor_lc = excluded.vendor_lc,
                product_lc = excluded.product_lc""")
    void upsertAll(@BindMethods Collection<Write> rows);

    @SqlUpdate("DELETE FROM cve_cpe_matches WHERE cve_id IN (<ids>)")
    int deleteMatches(@BindList("ids") Collection<String> cveIds);

    @SqlBatch("""
            INSERT INTO cve_cpe_matches (cve_id, criteria, vendor_lc, product_lc, version_start_including,
                                         version_start_excluding, version_end_including, version_end_excluding,
                                         vulnerable)
            VALUES (:cveId, :criteria, :vendorLc, :productLc, :versionStartIncluding, :versionStartExcluding,
                    :versionEndIncluding, :versionEndExcluding, :vulnerable)""")
    void insertMatches(@BindMethods Collection<MatchWrite> rows);

    /**
     * Writes one batch of distinct CVEs in one transaction: new ids get the next insertion ranks ({@code seq} of the
     * given rows is ignored), existing ids are updated in place, and the CPE criteria of every id in the batch are
     * replaced by {@code matches}. Returns {added, updated, criteria written}.
     */
    @Transaction
    default int[] writeBatch(List<Write> rows, List<MatchWrite> matches) {
        List<String> ids = rows.stream().map(Write::cveId).toList();
        Set<String> existing = new HashSet<>(existing(ids));
        long seq = maxSeq();
        List<Write> ranked = new ArrayList<>(rows.size());
        for (Write w : rows) {
            ranked.add(w.withSeq(++seq));
        }
        upsertAll(ranked);
        deleteMatches(ids);
        if (!matches.isEmpty()) {
            insertMatches(matches);
        }
        return new int[] {rows.size() - existing.size(), existing.size(), matches.size()};
    }

    @SqlQuery("SELECT cve_id FROM cves WHERE cve_id IN (<ids>)")
    List<String> existing(@BindList("ids") Collection<String> cveIds);

    @SqlQuery("SELECT COALESCE(MAX(seq), 0) FROM cves")
    long maxSeq();

    @SqlQuery("SELECT COUNT(*) FROM cves")
    long count();

    @SqlQuery("SELECT severity, COUNT(*) AS n FROM cves GROUP BY severity")
    @RegisterRowMapper(SeverityCountMapper.class)
    List<SeverityCount> countBySeverity();

    /** Severity and its number of CVEs. */
    record SeverityCount(String severity, long count) {
    }

    /** Latest sync time, or null when nothing was ever imported. */
    @SqlQuery("SELECT MAX(synced_at) FROM cve_sync_log")
    Instant lastSync();

    @SqlUpdate("INSERT INTO cve_sync_log (synced_at, source, entries_added) VALUES (:syncedAt, :source, :entriesAdded)")
    void logSync(Instant syncedAt, String source, int entriesAdded);

    @SqlQuery("SELECT " + ENTRY + " FROM cves c WHERE c.cve_id = :cveId")
    Optional<CveEntry> find(String cveId);

    @SqlQuery("SELECT " + ENTRY + " FROM cves c WHERE c.vendor_lc IN (<vendors>) ORDER BY c.seq, c.cve_id")
    List<CveEntry> byVendors(@BindList("vendors") Collection<String> vendorsLowerCase);

    /** LIKE without added wildcards: a '_' or '%' inside the vendor name acts as a wildcard (docs/DOMAIN.md §6.7). */
    @SqlQuery("SELECT " + ENTRY + " FROM cves c WHERE c.vendor_lc LIKE :pattern ORDER BY c.seq, c.cve_id")
    List<CveEntry> byVendorPattern(String pattern);

    @SqlQuery("SELECT " + ENTRY + """
            , m.criteria, m.version_start_including, m.version_start_excluding, m.version_end_including,
              m.version_end_excluding, m.vulnerable, m.vendor_lc AS m_vendor, m.product_lc AS m_product
            FROM cve_cpe_matches m JOIN cves c ON c.cve_id = m.cve_id
            WHERE m.product_lc IN (<products>)
            ORDER BY c.seq, c.cve_id, m.id""")
    @RegisterRowMapper(ApplicabilityMapper.class)
    List<VulnerabilityEngine.Applicability> byProducts(@BindList("products") Collection<String> productsLowerCase);

    @SqlQuery("SELECT " + ENTRY + " FROM cves c ORDER BY c.seq, c.cve_id")
    List<CveEntry> all();

    class EntryMapper implements RowMapper<CveEntry> {
        @Override
        public CveEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new CveEntry(rs.getString("cve_id"), rs.getDouble("cvss_score"), rs.getString("severity"),
                    rs.getString("description"), rs.getString("affected_vendor"), rs.getString("affected_product"),
                    rs.getString("cpe"), rs.getString("published"), rs.getBoolean("fix_available"),
                    rs.getBoolean("cisa_kev"), rs.getLong("seq"));
        }
    }

    class ApplicabilityMapper implements RowMapper<VulnerabilityEngine.Applicability> {
        private final EntryMapper entries = new EntryMapper();

        @Override
        public VulnerabilityEngine.Applicability map(ResultSet rs, StatementContext ctx) throws SQLException {
            CveEntry cve = entries.map(rs, ctx);
            return new VulnerabilityEngine.Applicability(new CpeMatch(cve.cveId(), rs.getString("criteria"),
                    rs.getString("version_start_including"), rs.getString("version_start_excluding"),
                    rs.getString("version_end_including"), rs.getString("version_end_excluding"),
                    rs.getBoolean("vulnerable")), cve);
        }
    }

    class SeverityCountMapper implements RowMapper<SeverityCount> {
        @Override
        public SeverityCount map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new SeverityCount(rs.getString("severity"), rs.getLong("n"));
        }
    }
}
