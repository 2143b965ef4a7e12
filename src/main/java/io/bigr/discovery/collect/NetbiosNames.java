package io.bigr.discovery.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.Background;
import io.bigr.discovery.netbios.NodeStatus;
import io.bigr.discovery.scan.ScanTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * NetBIOS node status for SMB hosts (docs/DOMAIN.md §5.15): after discovery, the hosts with 139 or 445 open are
 * asked for their name table ({@link NodeStatus}); each answer becomes {@code raw_evidence.netbios}
 * ({@code {"name", "names": ["WS01<00>", "CORP<1C> (group)", ...], "mac"}}), which the fingerprints read (a domain's
 * {@code <1C>} group name marks a domain controller), and a host without a name takes its machine name.
 */
public record NetbiosNames(Duration answerWait) implements Collector {
    public static final String KEY = "netbios";
    public static final Duration DEFAULT_WAIT = Duration.ofMillis(800);
    static final Set<Integer> SMB_PORTS = Set.of(139, 445);

    @Override
    public String name() {
        return "netbios";
    }

    @Override
    public Stage stage() {
        return Stage.AFTER_DISCOVERY;
    }

    @Override
    public Set<String> evidenceKeys() {
        return Set.of(KEY);
    }

    @Override
    public Enrichment start(ScanTarget target) {
        return new Enrichment() {
            private java.util.concurrent.CompletableFuture<Map<String, NodeStatus.Answer>> asked;

            @Override
            public void prepare(List<Asset> discovered) {
                asked = Background.start("bigr-netbios", () -> NodeStatus.ask(smbHosts(discovered), answerWait));
            }

            @Override
            public List<Asset> apply(List<Asset> assets) {
                Map<String, NodeStatus.Answer> answers;
                try {
                    answers = asked != null ? asked.join() : NodeStatus.ask(smbHosts(assets), answerWait);
                } catch (RuntimeException e) {
                    answers = Map.of();
                }
                return enrich(assets, answers);
            }
        };
    }

    private static List<String> smbHosts(List<Asset> assets) {
        return assets.stream().filter(a -> a.openPorts().stream().anyMatch(SMB_PORTS::contains))
                .map(a -> a.ip().value()).toList();
    }

    static List<Asset> enrich(List<Asset> assets, Map<String, NodeStatus.Answer> answers) {
        if (answers.isEmpty()) {
            return assets;
        }
        List<Asset> out = new ArrayList<>(assets.size());
        for (Asset a : assets) {
            NodeStatus.Answer n = answers.get(a.ip().value());
            if (n == null) {
                out.add(a);
                continue;
            }
            ObjectNode ev = a.rawEvidence().deepCopy();
            ObjectNode o = ev.putObject(KEY);
            if (n.machineName() != null) {
                o.put("name", n.machineName());
            }
            var names = o.putArray("names");
            n.names().forEach(x -> names.add(x.text()));
            if (n.mac() != null) {
                o.put("mac", n.mac());
            }
            Asset b = a.withEvidence(ev);
            if (b.hostname() == null && n.machineName() != null) {
                b = b.withHostname(n.machineName().toLowerCase(Locale.ROOT));
            }
            out.add(b);
        }
        return out;
    }
}
