package io.bigr.discovery.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.Background;
import io.bigr.discovery.scan.ScanTarget;
import io.bigr.discovery.snmp.SnmpWalker;
import io.bigr.discovery.snmp.SwitchConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * SNMP system group of the scanned hosts that have an SNMP credential configured (docs/DOMAIN.md §5.16; a switch
 * added with {@code bigr snmp add}): one GET of {@code sysDescr}, {@code sysObjectID} and {@code sysName} per such
 * host, at most {@link #THREADS} at once and one overall deadline. The answers become
 * {@code raw_evidence.snmp_sys_descr} and {@code snmp_sys_object_id}, which the fingerprints (§4.15) and the version
 * evidence (§6.7) read. Hosts without a credential are never asked: no community is guessed.
 */
public final class SnmpSystem implements Collector {
    public static final String DESCR = "snmp_sys_descr";
    public static final String OBJECT_ID = "snmp_sys_object_id";
    static final int THREADS = 8;

    private final Supplier<Map<String, SwitchConfig>> credentials;
    private final SnmpWalker walker;
    private final Duration deadline;

    /** @param credentials the configured devices by host (read when the collector runs) */
    public SnmpSystem(Supplier<Map<String, SwitchConfig>> credentials, SnmpWalker walker, Duration deadline) {
        this.credentials = credentials;
        this.walker = walker;
        this.deadline = deadline;
    }

    @Override
    public String name() {
        return "snmp_system";
    }

    @Override
    public Stage stage() {
        return Stage.AFTER_DISCOVERY;
    }

    @Override
    public Set<String> evidenceKeys() {
        return Set.of(DESCR, OBJECT_ID);
    }

    @Override
    public Enrichment start(ScanTarget target) {
        return new Enrichment() {
            private java.util.concurrent.CompletableFuture<Map<String, SnmpWalker.SystemInfo>> asked;

            @Override
            public void prepare(List<Asset> discovered) {
                asked = Background.start("bigr-snmp-system", () -> ask(discovered));
            }

            @Override
            public List<Asset> apply(List<Asset> assets) {
                Map<String, SnmpWalker.SystemInfo> answers;
                try {
                    answers = asked != null ? asked.join() : ask(assets);
                } catch (RuntimeException e) {
                    answers = Map.of();
                }
                return enrich(assets, answers);
            }
        };
    }

    /** The system group of each host in {@code assets} that has a credential, within the deadline. */
    private Map<String, SnmpWalker.SystemInfo> ask(List<Asset> assets) {
        Map<String, SwitchConfig> configured;
        try {
            configured = credentials.get();
        } catch (RuntimeException e) {
            return Map.of();
        }
        List<Asset> asked = assets.stream().filter(a -> configured.containsKey(a.ip().value())).toList();
        if (asked.isEmpty()) {
            return Map.of();
        }
        Map<String, SnmpWalker.SystemInfo> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, asked.size()), r -> {
            Thread t = new Thread(r, "bigr-snmp-system");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Asset a : asked) {
                String ip = a.ip().value();
                futures.add(pool.submit(() -> {
                    try {
                        answers.put(ip, walker.system(configured.get(ip)));
                    } catch (Exception e) {
                        // unreachable or wrong credentials: no SNMP evidence
                    }
                }));
            }
            long end = System.nanoTime() + deadline.toNanos();
            for (Future<?> f : futures) {
                try {
                    f.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Exception e) {
                    // past the deadline
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return answers;
    }

    private static List<Asset> enrich(List<Asset> assets, Map<String, SnmpWalker.SystemInfo> answers) {
        if (answers.isEmpty()) {
            return assets;
        }
        List<Asset> out = new ArrayList<>(assets.size());
        for (Asset a : assets) {
            SnmpWalker.SystemInfo s = answers.get(a.ip().value());
            if (s == null || (s.sysDescr() == null && s.sysObjectId() == null)) {
                out.add(a);
                continue;
            }
            ObjectNode ev = a.rawEvidence().deepCopy();
            if (s.sysDescr() != null) {
                ev.put(DESCR, s.sysDescr());
            }
            if (s.sysObjectId() != null) {
                ev.put(OBJECT_ID, s.sysObjectId());
            }
            Asset b = a.withEvidence(ev);
            if (b.hostname() == null && s.sysName() != null && s.sysName().matches("[A-Za-z0-9][A-Za-z0-9.-]{0,252}")) {
                b = b.withHostname(s.sysName());
            }
            out.add(b);
        }
        return out;
    }
}
