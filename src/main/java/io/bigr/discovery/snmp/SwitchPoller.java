package io.bigr.discovery.snmp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.db.SwitchDao;
import io.bigr.discovery.db.SwitchEvidenceDao;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every registered switch (docs/DOMAIN.md §3.13 "poll all", §5.8) and places assets on switch ports: for each
 * MAC placed on an access port, the matching inventory rows get {@code switch_host}, {@code switch_port} (interface
 * name) and {@code switch_port_index} (bridge port), and their latest snapshot evidence gets
 * {@code switch_port = {switch_host, switch_port, switch_port_index, vlan_id, confidence, reason}}. MACs seen only on
 * uplinks are never attributed. A switch that cannot be read (unreachable, wrong credentials, undecryptable secret)
 * is reported and its stats are left untouched; the others are still polled.
 */
public final class SwitchPoller {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchPoller.class);
    /** More distinct MACs than this on one port make it an uplink (unless configured otherwise). */
    public static final int DEFAULT_UPLINK_THRESHOLD = 8;

    /** Outcome for one switch; {@code error} is null on success and never contains a secret. */
    public record SwitchReport(String host, String label, String error, int macCount,
                               List<ForwardingTable.Placement> placements, List<ForwardingTable.Port> uplinks,
                               int assetsPlaced) {
        public boolean ok() {
            return error == null;
        }
    }

    private final SwitchDao switches;
    private final SwitchEvidenceDao evidence;
    private final SecretBox secrets;
    private final SnmpWalker walker;
    private final int uplinkThreshold;

    public SwitchPoller(SwitchDao switches, SwitchEvidenceDao evidence, SecretBox secrets, SnmpWalker walker,
                        int uplinkThreshold) {
        this.switches = switches;
        this.evidence = evidence;
        this.secrets = secrets;
        this.walker = walker;
        this.uplinkThreshold = uplinkThreshold;
    }

    /** Polls every registered switch, one after another. */
    public List<SwitchReport> pollAll() {
        List<SwitchReport> reports = new ArrayList<>();
        for (SwitchDao.Credentials c : switches.credentials()) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            reports.add(poll(c));
        }
        return reports;
    }

    SwitchReport poll(SwitchDao.Credentials stored) {
        String host = stored.host();
        ForwardingTable.Mapping mapping;
        try {
            SwitchConfig sw = SwitchConfig.open(stored, secrets);
            mapping = ForwardingTable.map(walker.read(sw), uplinkThreshold);
        } catch (SnmpWalker.SnmpException | SecretBox.SecretException e) {
            LOG.warn("switch {} skipped: {}", host, e.getMessage());
            return new SwitchReport(host, stored.label(), e.getMessage(), 0, List.of(), List.of(), 0);
        } catch (Exception e) {
            LOG.warn("switch {} skipped: {}", host, e.getClass().getSimpleName());
            return new SwitchReport(host, stored.label(), "cannot read the switch (" + e.getClass().getSimpleName()
                    + ")", 0, List.of(), List.of(), 0);
        }
        List<SwitchEvidenceDao.Placement> placements = new ArrayList<>();
        for (ForwardingTable.Placement p : mapping.placements()) {
            if (p.placed()) {
                placements.add(new SwitchEvidenceDao.Placement(p.mac(), p.port().name(), p.port().bridgePort(),
                        note(host, p)));
            }
        }
        int placed = evidence.place(host, placements);
        switches.recordPoll(host, mapping.macCount());
        LOG.info("switch {}: {} MACs, {} uplink port(s), {} inventory row(s) placed", host, mapping.macCount(),
                mapping.uplinks().size(), placed);
        return new SwitchReport(host, stored.label(), null, mapping.macCount(), mapping.placements(),
                mapping.uplinks(), placed);
    }

    private static ObjectNode note(String host, ForwardingTable.Placement p) {
        ObjectNode n = Json.object();
        n.put("switch_host", host);
        n.put("switch_port", p.port().name());
        n.put("switch_port_index", p.port().bridgePort());
        if (p.vlanId() == null) {
            n.putNull("vlan_id");
        } else {
            n.put("vlan_id", p.vlanId());
        }
        n.put("confidence", p.confidence());
        n.put("macs_on_port", p.port().macCount());
        n.put("reason", p.reason());
        return n;
    }

    /** Confidence counts over all reports, e.g. {high=3, medium=2, none=7}. */
    public static Map<String, Integer> confidence(List<SwitchReport> reports) {
        return ForwardingTable.confidenceCounts(reports.stream().flatMap(r -> r.placements().stream()).toList());
    }
}
