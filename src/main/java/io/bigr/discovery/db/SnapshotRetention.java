package io.bigr.discovery.db;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Removes old per-scan snapshots (docs/DOMAIN.md §3.16) so that a schedule over a large inventory does not grow the
 * database without bound. A snapshot is kept while it is younger than {@link Policy#keepFor}, or among its asset's
 * {@link Policy#keepPerAsset} newest, and always when it is its asset's latest: the inventory, the change log and
 * every "latest snapshot" read are unchanged by a prune. Assets are taken in id chunks, one statement (one short
 * transaction) per chunk, so a prune never holds SQLite's write lock for long while scans are being saved.
 */
public final class SnapshotRetention {
    /** Assets per delete statement. */
    static final int CHUNK = 1000;

    private final AssetDao assets;
    private final SnapshotDao snapshots;

    public SnapshotRetention(AssetDao assets, SnapshotDao snapshots) {
        this.assets = Objects.requireNonNull(assets);
        this.snapshots = Objects.requireNonNull(snapshots);
    }

    /** What to keep: snapshots younger than {@code keepFor}, and each asset's {@code keepPerAsset} newest (>= 1). */
    public record Policy(Duration keepFor, int keepPerAsset) {
        public Policy {
            Objects.requireNonNull(keepFor, "keepFor");
            if (keepFor.isNegative()) {
                throw new IllegalArgumentException("keepFor must not be negative");
            }
            if (keepPerAsset < 1) {
                throw new IllegalArgumentException("keepPerAsset must be at least 1 (an asset's latest is always kept)");
            }
        }

        public Instant cutoff(Instant now) {
            return now.minus(keepFor);
        }
    }

    /** What a prune removed (or, in a dry run, would remove), out of how many snapshot rows. */
    public record Outcome(long removed, long before, boolean dryRun, Instant cutoff) {
        public String describe() {
            return (dryRun ? "Would remove " : "Removed ") + removed + " of " + before + " snapshot(s) older than "
                    + cutoff + " beyond each asset's newest";
        }
    }

    public Outcome prune(Policy policy, Instant now, boolean dryRun) {
        Instant cutoff = policy.cutoff(now);
        long before = snapshots.count();
        long removed = 0;
        String after = "";
        String upto;
        while ((upto = assets.chunkEnd(after, CHUNK)) != null) {
            // Counted before deleting: on PostgreSQL the data version moves with every write statement, whether it
            // changes a row or not (its triggers are per statement), and each move empties the servers' read caches
            // (docs/DOMAIN.md §6.14). A run with nothing to remove, the usual case, must leave the version alone.
            long prunable = snapshots.countPrunable(after, upto, policy.keepPerAsset(), cutoff);
            if (prunable > 0) {
                removed += dryRun ? prunable : snapshots.prune(after, upto, policy.keepPerAsset(), cutoff);
            }
            after = upto;
        }
        return new Outcome(removed, before, dryRun, cutoff);
    }
}
