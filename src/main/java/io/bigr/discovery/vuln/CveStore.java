package io.bigr.discovery.vuln;

import io.bigr.discovery.core.Timestamps;
import io.bigr.discovery.db.CveDao;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The CVE store in the configured database (docs/DOMAIN.md §1.11, §6.7): seeding, NVD feed import, statistics and the
 * lookups that build a {@link VulnerabilityEngine.Catalog}.
 *
 * <p>Invariants: a CVE is stored once per id (re-seeding or re-importing updates in place and keeps its insertion
 * rank {@code seq}); its CPE criteria are replaced as a whole on every import of that id; the 18 built-in CVEs are
 * seeded the first time the table is read empty ({@link #ensureSeeded}); seeding writes no sync-log row, an import
 * writes exactly one. Imports commit in batches of {@value #BATCH} CVEs, so a huge feed never holds one long
 * transaction; an interrupted import leaves whole batches behind, and re-running it is safe.
 */
public final class CveStore {
    static final int BATCH = 500;
    private static final int IN_CHUNK = 500;
    private static final List<String> SEVERITY_ORDER = List.of("critical", "high", "medium", "low", "none");

    private final CveDao dao;

    public CveStore(CveDao dao) {
        this.dao = Objects.requireNonNull(dao);
    }

    /** What an import did: CVEs inserted, updated, skipped (no valid id), and criteria rows written. */
    public record ImportResult(int added, int updated, int skipped, int criteria) {
        public int written() {
            return added + updated;
        }
    }

    /** Inserts or updates the 18 built-in CVEs and their ranges; returns how many built-ins there are. */
    public int seed() {
        writeBatch(BuiltinCves.ENTRIES.stream().map(c -> new NvdFeedReader.Item(c, rangesOf(c.cveId()))).toList());
        return BuiltinCves.ENTRIES.size();
    }

    private static List<CpeMatch> rangesOf(String cveId) {
        return BuiltinCves.RANGES.stream().filter(r -> r.cveId().equals(cveId)).toList();
    }

    /** Seeds when the store is empty; true when it did. */
    public boolean ensureSeeded() {
        if (count() > 0) {
            return false;
        }
        seed();
        return true;
    }

    public long count() {
        return dao.count();
    }

    /** Imports an NVD CVE JSON 2.0 feed file (plain or gzip) and logs one sync row with the number written. */
    public ImportResult importFeed(Path file) throws IOException {
        List<NvdFeedReader.Item> batch = new ArrayList<>(BATCH);
        int[] totals = new int[3]; // added, updated, criteria
        NvdFeedReader.Outcome outcome = NvdFeedReader.read(file, item -> {
            batch.add(item);
            if (batch.size() == BATCH) {
                accumulate(totals, writeBatch(batch));
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            accumulate(totals, writeBatch(batch));
        }
        ImportResult result = new ImportResult(totals[0], totals[1], outcome.skipped(), totals[2]);
        dao.logSync(Timestamps.now(), "nvd:" + file.getFileName(), result.written());
        return result;
    }

    private static void accumulate(int[] totals, int[] batch) {
        for (int i = 0; i < totals.length; i++) {
            totals[i] += batch[i];
        }
    }

    /** Writes one batch in one transaction; returns {added, updated, criteria}. Later duplicates of an id win. */
    private int[] writeBatch(List<NvdFeedReader.Item> items) {
        Map<String, NvdFeedReader.Item> byId = new LinkedHashMap<>();
        items.forEach(i -> byId.put(i.cve().cveId(), i));
        List<CveDao.Write> rows = new ArrayList<>(byId.size());
        List<CveDao.MatchWrite> matches = new ArrayList<>();
        for (NvdFeedReader.Item item : byId.values()) {
            CveEntry c = item.cve();
            rows.add(new CveDao.Write(c.cveId(), c.cvssScore(), c.severity(), c.description(), c.affectedVendor(),
                    c.affectedProduct(), c.cpe(), c.published(), c.fixAvailable(), c.cisaKev(),
                    lower(c.affectedVendor()), lower(c.affectedProduct()), 0));
            for (CpeMatch m : item.criteria()) {
                matches.add(new CveDao.MatchWrite(c.cveId(), m.criteria(), m.vendor(), m.product(),
                        m.versionStartIncluding(), m.versionStartExcluding(), m.versionEndIncluding(),
                        m.versionEndExcluding(), m.vulnerable()));
            }
        }
        return dao.writeBatch(rows, matches);
    }

    /** {@code {"total", "by_severity" (present severities, critical → none), "last_sync"}}. */
    public VulnerabilityReport.CveStats stats() {
        Map<String, Long> found = new LinkedHashMap<>();
        dao.countBySeverity().forEach(s -> found.put(s.severity(), s.count()));
        Map<String, Long> ordered = new LinkedHashMap<>();
        SEVERITY_ORDER.forEach(s -> {
            if (found.containsKey(s)) {
                ordered.put(s, found.remove(s));
            }
        });
        ordered.putAll(found); // any non-standard severity text, after the known ones
        return new VulnerabilityReport.CveStats(dao.count(), ordered, dao.lastSync());
    }

    public Optional<CveEntry> find(String cveId) {
        return dao.find(CveEntry.normalizeId(cveId));
    }

    /** CVEs filed under a vendor, after the same normalisation as matching. */
    public List<CveEntry> byVendor(String vendor) {
        String v = VendorNames.normalize(vendor);
        if (v == null) {
            return List.of();
        }
        return catalog(Set.of(v), Set.of()).byVendor().getOrDefault(v, List.of());
    }

    public List<CveEntry> all() {
        return dao.all();
    }

    /**
     * The CVEs that can apply to assets with these normalised vendors and CPE {@code vendor:product} keys. Plain vendor
     * names are looked up together (a bounded number of statements however many assets); a name containing a LIKE
     * wildcard ({@code _} or {@code %}) gets its own LIKE query, as docs/DOMAIN.md §6.7 describes.
     */
    public VulnerabilityEngine.Catalog catalog(Collection<String> vendors, Collection<String> productKeys) {
        Map<String, List<CveEntry>> byVendor = new LinkedHashMap<>();
        List<String> plain = new ArrayList<>();
        for (String v : vendors) {
            if (v.indexOf('_') >= 0 || v.indexOf('%') >= 0) {
                byVendor.put(v, dao.byVendorPattern(v));
            } else {
                plain.add(v);
            }
        }
        for (List<String> chunk : chunks(plain)) {
            for (CveEntry c : dao.byVendors(chunk)) {
                byVendor.computeIfAbsent(lower(c.affectedVendor()), k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, List<VulnerabilityEngine.Applicability>> byProduct = new LinkedHashMap<>();
        Set<String> wanted = new HashSet<>(productKeys);
        List<String> products = productKeys.stream().map(k -> k.substring(k.indexOf(':') + 1)).distinct().toList();
        for (List<String> chunk : chunks(products)) {
            for (VulnerabilityEngine.Applicability a : dao.byProducts(chunk)) {
                String key = a.criterion().vendor() + ":" + a.criterion().product();
                if (wanted.contains(key)) {
                    byProduct.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
                }
            }
        }
        return new VulnerabilityEngine.Catalog(byVendor, byProduct);
    }

    private static List<List<String>> chunks(List<String> values) {
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < values.size(); from += IN_CHUNK) {
            out.add(values.subList(from, Math.min(values.size(), from + IN_CHUNK)));
        }
        return out;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
