package io.bigr.discovery.classify;

import io.bigr.discovery.core.MacAddresses;
import io.bigr.discovery.csv.CsvFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * MAC vendor lookup (docs/DOMAIN.md §4.3): the built-in override table first (it deliberately short-circuits the IEEE
 * data, e.g. {@code 00:21:cc} is {@code Lenovo} here and {@code Flextronics International} in the registry), then
 * a snapshot of the public IEEE MA-L registry ({@code /oui/oui.csv}, header {@code prefix,vendor}, lower-case
 * {@code xx:xx:xx} prefixes, last row wins on duplicates).
 *
 * <p>The bundled snapshot is loaded lazily, once per process, on the first lookup that misses the override table,
 * into two parallel sorted arrays (24-bit prefix → vendor, vendor strings shared): about 1.4 MB retained, a binary
 * search per lookup; the generated snapshot is sorted, so loading is one pass without boxing. A missing resource means "no OUI data" (overrides still work), not an error. Thread-safe.
 */
public final class OuiRegistry {
    /** Classpath location of the committed snapshot; {@code bigr oui refresh} regenerates it. */
    public static final String RESOURCE = "/oui/oui.csv";
    static final String HEADER = "prefix,vendor";

    /** §4.3 built-in override table: prefix → vendor. */
    static final Map<String, String> OVERRIDES = overrides();

    private final Supplier<Table> table;

    private OuiRegistry(Supplier<Table> table) {
        this.table = table;
    }

    /** The registry backed by the bundled snapshot (loaded on first use, shared by the whole process). */
    public static OuiRegistry bundled() {
        return Bundled.REGISTRY;
    }

    /** A registry backed by a snapshot file in the bundled format (read now); for tests and refresh checks. */
    public static OuiRegistry fromSnapshot(Path snapshot) throws IOException {
        try (InputStream in = Files.newInputStream(snapshot)) {
            Table t = Table.read(in, snapshot.toString());
            return new OuiRegistry(() -> t);
        }
    }

    /**
     * The vendor of a MAC's OUI, or null (null/empty MAC, unknown prefix). The MAC is normalised per §2.4 and its
     * first 8 characters are the prefix.
     */
    public String lookup(String mac) {
        String prefix = MacAddresses.prefix(mac);
        if (prefix == null) {
            return null;
        }
        String override = OVERRIDES.get(prefix);
        if (override != null) {
            return override;
        }
        int key = parsePrefix(prefix);
        return key < 0 ? null : table.get().vendor(key);
    }

    /** The snapshot's vendor for a MAC, ignoring the override table; null when absent. */
    String snapshotVendor(String mac) {
        String prefix = MacAddresses.prefix(mac);
        int key = prefix == null ? -1 : parsePrefix(prefix);
        return key < 0 ? null : table.get().vendor(key);
    }

    /** Number of distinct prefixes in the snapshot (the override table not counted); loads it if needed. */
    public int size() {
        return table.get().keys.length;
    }

    /** {@code aa:bb:cc} → 0xaabbcc, or -1 when it is not exactly that shape. */
    static int parsePrefix(String prefix) {
        if (prefix.length() != 8 || prefix.charAt(2) != ':' || prefix.charAt(5) != ':') {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < 8; i++) {
            if (i == 2 || i == 5) {
                continue;
            }
            int digit = Character.digit(prefix.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** Sorted prefixes and their vendors, index for index. */
    private record Table(int[] keys, String[] vendors) {
        static final Table EMPTY = new Table(new int[0], new String[0]);

        String vendor(int key) {
            int i = Arrays.binarySearch(keys, key);
            return i < 0 ? null : vendors[i];
        }

        static Table read(InputStream in, String source) throws IOException {
            CSVParser parser = CsvFiles.parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8),
                    1 << 16));
            Iterator<CSVRecord> rows = parser.iterator();
            CSVRecord header = rows.hasNext() ? rows.next() : null;
            if (header == null || !HEADER.equals(String.join(",", header.values()).strip())) {
                throw new IOException(source + ": expected header '" + HEADER + "'");
            }
            int[] keys = new int[40_000];
            String[] vendors = new String[keys.length];
            Map<String, String> shared = new HashMap<>(32_768);
            int n = 0;
            boolean ascending = true;
            while (rows.hasNext()) {
                CSVRecord row = rows.next();
                if (row.size() == 1 && row.get(0).isBlank()) {
                    continue;
                }
                int key = row.size() == 2 ? parsePrefix(row.get(0).strip()) : -1;
                String vendor = row.size() == 2 ? row.get(1).strip() : "";
                if (key < 0 || vendor.isEmpty()) {
                    throw new IOException(source + ": line " + parser.getCurrentLineNumber()
                            + ": expected 'xx:xx:xx,vendor'");
                }
                if (n == keys.length) {
                    keys = Arrays.copyOf(keys, n * 2);
                    vendors = Arrays.copyOf(vendors, n * 2);
                }
                ascending &= n == 0 || key > keys[n - 1];
                keys[n] = key;
                vendors[n++] = shared.computeIfAbsent(vendor, v -> v);
            }
            if (!ascending) {
                // not a generated snapshot (hand-edited or foreign): sort, and let the last row of a prefix win
                Map<Integer, String> byPrefix = new HashMap<>(n * 2);
                for (int i = 0; i < n; i++) {
                    byPrefix.put(keys[i], vendors[i]);
                }
                keys = byPrefix.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
                n = keys.length;
                for (int i = 0; i < n; i++) {
                    vendors[i] = byPrefix.get(keys[i]);
                }
            }
            keys = Arrays.copyOf(keys, n);
            vendors = Arrays.copyOf(vendors, n);
            return new Table(keys, vendors);
        }
    }

    /** Holder idiom: the snapshot is read the first time a lookup needs it, exactly once. */
    private static final class Bundled {
        static final OuiRegistry REGISTRY = new OuiRegistry(() -> Loaded.TABLE);

        private static final class Loaded {
            static final Table TABLE = load();

            private static Table load() {
                try (InputStream in = OuiRegistry.class.getResourceAsStream(RESOURCE)) {
                    return in == null ? Table.EMPTY : Table.read(in, RESOURCE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static Map<String, String> overrides() {
        Map<String, String> m = new HashMap<>();
        put(m, "Aruba Networks", "00:1a:1e");
        put(m, "VMware", "00:0c:29", "00:50:56");
        put(m, "SanDisk", "00:1b:44");
        put(m, "SonicWall", "00:17:c5");
        put(m, "Cisco", "00:1e:bd", "00:26:cb", "00:1f:9e", "00:23:69", "00:25:84");
        put(m, "Cisco Meraki", "28:c6:3f");
        put(m, "Juniper", "00:18:0a", "00:05:85", "00:1f:12", "d4:04:ff");
        put(m, "MikroTik", "70:b3:d5", "00:0c:42", "48:8f:5a", "e4:8d:8c", "64:d1:54");
        put(m, "Hikvision", "a4:14:37", "c0:56:e3", "44:19:b6", "54:c4:15", "bc:ad:28", "40:ed:98");
        put(m, "Dahua", "c4:2f:90", "3c:ef:8c", "a0:bd:1d");
        put(m, "Seiko Epson", "00:00:48");
        put(m, "Brother", "00:1b:a9");
        put(m, "Canon", "00:1e:8f");
        put(m, "HP Printing", "00:15:99", "a4:5d:36");
        put(m, "Apple", "ac:de:48", "3c:22:fb", "f0:18:98", "a8:60:b6");
        put(m, "Dell", "00:1a:a0", "14:fe:b5", "f8:b1:56", "54:bf:64");
        put(m, "Lenovo", "00:21:cc", "58:20:b1", "7c:7a:91");
        put(m, "Samsung", "e8:6a:64", "a0:82:1f", "00:26:37");
        return Map.copyOf(m);
    }

    private static void put(Map<String, String> m, String vendor, String... prefixes) {
        for (String p : prefixes) {
            m.put(p, vendor);
        }
    }
}
