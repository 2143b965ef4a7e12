package io.bigr.discovery.db;

/**
 * The (ip, mac) identities a streamed save has written so far, in 8 bytes each: an open-addressing set of 64-bit
 * hashes (FNV-1a). A new identity whose hash is already in the set is either a duplicate of docs/DOMAIN.md §3.4 or a
 * hash collision; the scan's snapshots, already written in the same transaction, tell which. So the check is exact
 * while a million identities take 16 MB instead of the hundreds a set of strings would.
 */
final class SeenKeys {
    private long[] slots;
    private int size;
    private boolean hasZero;

    SeenKeys(int expected) {
        slots = new long[tableSize(Math.max(16, expected))];
    }

    /** Answers "was this identity in an earlier batch of this scan?" exactly. */
    interface Check {
        boolean seenBefore(String ip, String mac);
    }

    /** A check that records each identity it is asked about and confirms hash hits against the scan's snapshots. */
    Check confirming(SnapshotDao snapshots, String scanId) {
        return (ip, mac) -> !add(hash(ip, mac)) && snapshots.countOf(scanId, ip, mac == null ? "" : mac) > 0;
    }

    static long hash(String ip, String mac) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, ip);
        h = (h ^ '|') * 0x100000001b3L;
        return mac == null ? h : mix(h, mac);
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** Adds the hash; false when it was there already. */
    boolean add(long h) {
        if (h == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        return insert(slots, h);
    }

    private boolean insert(long[] table, long h) {
        int mask = table.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (table[i] != 0) {
            if (table[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = h;
        if (table == slots) {
            size++;
        }
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long h : old) {
            if (h != 0) {
                insert(slots, h);
            }
        }
    }

    private static int tableSize(int expected) {
        int n = Integer.highestOneBit(expected) * 4;
        return Math.max(32, Math.min(n, 1 << 30));
    }
}
