package io.bigr.discovery.transfer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tally of one table: every row read ends up counted exactly once as inserted, skipped (with a reason) or failed
 * (with its key and reason), so {@code read == inserted + skipped + failed} always holds. Filled by {@link Transfer}.
 */
public final class TableReport {
    private final String table;
    private boolean missingInSource;
    private long read;
    private long inserted;
    private long skipped;
    private final Map<String, Long> skipReasons = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private Long targetBefore;
    private Long targetAfter;

    TableReport(String table) {
        this.table = table;
    }

    void missingInSource() {
        missingInSource = true;
    }

    void countRead() {
        read++;
    }

    void inserted(long n) {
        inserted += n;
    }

    void skipped(String reason) {
        skipped++;
        skipReasons.merge(reason, 1L, Long::sum);
    }

    void failed(String key, String reason) {
        failures.add(key + ": " + reason);
    }

    void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    void targetCounts(Long before, Long after) {
        this.targetBefore = before;
        this.targetAfter = after;
    }

    public String table() {
        return table;
    }

    /** The source has no such table (an earlier release that never created it): nothing to copy. */
    public boolean isMissingInSource() {
        return missingInSource;
    }

    public long read() {
        return read;
    }

    /** Rows written; in a dry run, rows that converted and would be offered to the target. */
    public long inserted() {
        return inserted;
    }

    public long skipped() {
        return skipped;
    }

    public long failed() {
        return failures.size();
    }

    /** Why rows were skipped, with counts, in first-seen order. */
    public Map<String, Long> skipReasons() {
        return Collections.unmodifiableMap(skipReasons);
    }

    /** One entry per failed row: {@code key: reason}. */
    public List<String> failures() {
        return Collections.unmodifiableList(failures);
    }

    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    /** Target row count before the copy (null in a dry run). */
    public Long targetBefore() {
        return targetBefore;
    }

    public Long targetAfter() {
        return targetAfter;
    }

    /**
     * The end-of-table check: every row read is accounted for, and the target grew by exactly the rows inserted.
     * A concurrent writer on the target makes this false, which is reported, not hidden.
     */
    public boolean countsVerified() {
        boolean accounted = read == inserted + skipped + failed();
        if (targetBefore == null || targetAfter == null) {
            return accounted;
        }
        return accounted && targetAfter - targetBefore == inserted;
    }
}
