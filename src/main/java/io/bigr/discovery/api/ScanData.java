package io.bigr.discovery.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import inet.ipaddr.IPAddress;
import io.bigr.discovery.core.IpAddresses;
import io.bigr.discovery.core.ScanAssetView;
import io.bigr.discovery.core.ScanDetail;
import io.bigr.discovery.core.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /api/data} (DOMAIN.md §6.3.2): the latest scan of the configured database with
 * {@code manual_override} on every asset, optionally filtered to one subnet and paged. {@code total_assets} and
 * {@code category_summary} describe the whole scan and are not recomputed after filtering (as §6.3.2 requires);
 * {@code total} counts the assets after the filter and {@code next_offset} is null on the last page.
 * Without a scan: {@code {"assets": [], "category_summary": {}, "total_assets": 0, ...}}.
 */
public final class ScanData {
    private final Map<String, Object> body = new LinkedHashMap<>();

    private ScanData() {
    }

    public static ScanData empty(Integer limit, long offset) {
        ScanData d = new ScanData();
        d.body.put("assets", List.of());
        d.body.put("category_summary", Map.of());
        d.body.put("total_assets", 0);
        d.paging(0, limit, offset, 0);
        return d;
    }

    public static ScanData of(ScanDetail scan, IPAddress subnet, Integer limit, long offset) {
        ScanData d = new ScanData();
        d.body.put("id", scan.id());
        d.body.put("target", scan.target());
        d.body.put("scan_method", scan.scanMethod());
        d.body.put("started_at", Timestamps.format(scan.startedAt()));
        d.body.put("completed_at", Timestamps.format(scan.completedAt()));
        d.body.put("total_assets", scan.totalAssets());
        d.body.put("is_root", scan.isRoot());
        d.body.put("duration_seconds", scan.durationSeconds());
        d.body.put("status", scan.status());
        List<ScanAssetView> kept = subnet == null ? scan.assets()
                : scan.assets().stream().filter(a -> IpAddresses.contains(subnet, a.ip())).toList();
        int from = (int) Math.min(offset, kept.size());
        int to = limit == null ? kept.size() : (int) Math.min((long) from + limit, kept.size());
        d.body.put("assets", kept.subList(from, to).stream().map(DataAsset::of).toList());
        d.body.put("category_summary", scan.categorySummary());
        d.paging(kept.size(), limit, offset, to - from);
        return d;
    }

    private void paging(long total, Integer limit, long offset, int returned) {
        body.put("total", total);
        body.put("limit", limit);
        body.put("offset", offset);
        long next = offset + returned;
        body.put("next_offset", returned > 0 && next < total ? next : null);
    }

    @JsonAnyGetter
    public Map<String, Object> body() {
        return body;
    }
}
