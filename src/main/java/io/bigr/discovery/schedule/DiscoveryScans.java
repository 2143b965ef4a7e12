package io.bigr.discovery.schedule;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.collect.Collectors;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.scan.ScanClassifier;
import io.bigr.discovery.scan.ScanTarget;
import io.bigr.discovery.scan.Scanner;
import io.bigr.discovery.scan.pipeline.ScanPipeline;
import io.bigr.discovery.scan.pipeline.ScanStore;

/**
 * The scan a scheduled subnet job runs: the scan pipeline as {@code bigr scan TARGET} runs it with its defaults
 * (hybrid discovery, the default ports, mDNS on the interfaces facing the target, classification with the bundled
 * rules and the store's manual tags, SNMP system details of the devices stored with {@code bigr snmp add}), up to and
 * including classification. Saving is the scheduler's part (into the
 * running scan row, under its lock).
 */
public final class DiscoveryScans {
    private DiscoveryScans() {
    }

    public static Jobs.ScanRunner runner(BigrConfiguration config, Daos daos) {
        ScanStore scans = ScanStore.of(daos);
        return target -> {
            ScanPipeline pipeline = new ScanPipeline(ScanClassifier.load(null),
                    Collectors.defaults(Collectors.Options.scheduled().withSnmp(new Collectors.Snmp(
                            () -> config.getSnmp().credentials(daos.switches()), config.getSnmp().walker()))), scans, ScanPipeline.Delivery.NONE, false,
                    new Scanner(null)::scan, ScanPipeline.Observer.NONE);
            return pipeline.scan(Scanner.Request.defaults(ScanTarget.parse(target), ScanMethod.HYBRID)).result();
        };
    }
}
