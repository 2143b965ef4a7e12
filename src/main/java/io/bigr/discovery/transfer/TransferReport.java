package io.bigr.discovery.transfer;

import java.util.List;

/** The outcome of one transfer: one {@link TableReport} per table, in copy order. */
public record TransferReport(boolean dryRun, List<TableReport> tables, List<String> notes) {
    public long failed() {
        return tables.stream().mapToLong(TableReport::failed).sum();
    }

    public long inserted() {
        return tables.stream().mapToLong(TableReport::inserted).sum();
    }

    public boolean countsVerified() {
        return tables.stream().allMatch(TableReport::countsVerified);
    }

    /** Success means: nothing failed and every table's counts add up. */
    public boolean ok() {
        return failed() == 0 && countsVerified();
    }

    public TableReport table(String name) {
        return tables.stream().filter(t -> t.table().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + name));
    }
}
