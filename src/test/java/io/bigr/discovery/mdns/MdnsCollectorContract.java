package io.bigr.discovery.mdns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bigr.discovery.classify.Classifier;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.HistoryEntry;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.core.ScanResult;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.testing.TestDb;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * mDNS browse against a responder the test runs in its own network namespace, enrichment of scanned assets, and the
 * enriched evidence stored and read back on SQLite and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MdnsCollectorContract {
    private TestDb db;
    private Daos daos;
    private MdnsLab lab;
    private List<MdnsService> services;

    abstract TestDb newDatabase();

    @BeforeAll
    void open() throws Exception {
        lab = MdnsLab.create();
        lab.announce("chromecast-abc", "_googlecast._tcp.local.", "Living Room TV", 8009, "md=Chromecast", "fn=Salon",
                "flag");
        lab.announce("printer-1", "_ipp._tcp.local.", "Office Printer", 631, "ty=Laser");
        // As a scan whose probes ended at once: the shortest wait the collector does (its floor for first answers).
        MdnsCollector.Window window = new MdnsCollector.Window(Duration.ofSeconds(5), MdnsCollector.DEFAULT_GRACE);
        window.finish();
        services = MdnsCollector.browse(List.of(InetAddress.getByName(lab.hostIp)), window);
        db = newDatabase().migrate();
        daos = db.daos();
    }

    @AfterAll
    void close() throws Exception {
        if (lab != null) {
            lab.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void browseResolvesTheAnnouncedServices() {
        MdnsService cast = services.stream().filter(s -> s.serviceType().equals("_googlecast._tcp.local."))
                .findFirst().orElseThrow(() -> new AssertionError("no googlecast service in " + services));
        assertThat(cast.name()).isEqualTo("Living Room TV");
        assertThat(cast.ip()).isEqualTo(lab.labIp);
        assertThat(cast.port()).isEqualTo(8009);
        assertThat(cast.hostname()).isEqualTo("chromecast-abc.local.");
        assertThat(cast.properties()).containsEntry("md", "Chromecast").containsEntry("fn", "Salon")
                .containsEntry("flag", "");
        assertThat(services).extracting(MdnsService::serviceType)
                .containsExactlyInAnyOrder("_googlecast._tcp.local.", "_ipp._tcp.local.");
    }

    @Test
    void enrichedAssetsKeepTheirServicesInTheStore() {
        Asset device = Asset.of(IpAddress.of(lab.labIp)).withMac(MacAddress.of("02:00:00:00:13:01"));
        Asset other = Asset.of(IpAddress.of("198.18.255.254")).withMac(MacAddress.of("02:00:00:00:13:02"));
        List<Asset> enriched = MdnsEnricher.enrich(List.of(device, other), services);
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        daos.store().save(new ScanResult(lab.labIp + "/30", ScanMethod.PASSIVE, t, t.plusSeconds(5), false, enriched));

        assertThat(daos.assets().byIp(lab.labIp).get(0).hostname()).isIn("chromecast-abc.local.", "printer-1.local.");
        HistoryEntry h = daos.snapshots().history(lab.labIp, null).get(0);
        JsonNode list = h.rawEvidence().get("mdns_services");
        assertThat(list).hasSize(2);
        JsonNode cast = list.get(0).get("service_type").asText().startsWith("_googlecast") ? list.get(0) : list.get(1);
        assertThat(cast.get("name").asText()).isEqualTo("Living Room TV");
        assertThat(cast.get("port").asInt()).isEqualTo(8009);
        assertThat(cast.get("hostname").asText()).isEqualTo("chromecast-abc.local.");
        assertThat(cast.get("properties").get("md").asText()).isEqualTo("Chromecast");
        assertThat(cast.has("ip")).isFalse();

        assertThat(daos.assets().byIp("198.18.255.254").get(0).hostname()).isNull();
        assertThat(daos.snapshots().history("198.18.255.254", null).get(0).rawEvidence().has("mdns_services")).isFalse();
    }

    @Test
    void anAnnouncedServiceChangesTheClassification() {
        Classifier classifier = Classifier.load(null);
        // An address with nothing else to go on: no MAC, no ports, no name.
        Asset bare = Asset.of(IpAddress.of(lab.labIp));
        Asset before = classifier.classify(bare, null);
        Asset after = classifier.classify(MdnsEnricher.enrich(List.of(bare), services).get(0), null);

        assertThat(before.bigrCategory()).isEqualTo(BigrCategory.UNCLASSIFIED);
        assertThat(after.bigrCategory()).isEqualTo(BigrCategory.IOT);
        assertThat(after.rawEvidence().get("service_rules").toString()).contains("Chromecast", "Printer");
        assertThat(after.rawEvidence().get("mdns_services")).hasSize(2);

        Instant t = Instant.parse("2026-03-02T10:00:00Z");
        daos.store().save(new ScanResult("mdns-before", ScanMethod.PASSIVE, t, t, false, List.of(before)));
        daos.store().save(new ScanResult("mdns-after", ScanMethod.PASSIVE, t.plusSeconds(60), t.plusSeconds(61), false,
                List.of(after)));
        assertThat(daos.assets().byIp(lab.labIp).get(0).bigrCategory()).isEqualTo(BigrCategory.IOT);
        assertThat(daos.changes().feed(10, 0)).anySatisfy(c -> {
            assertThat(c.fieldName()).isEqualTo("bigr_category");
            assertThat(c.newValue()).isEqualTo(BigrCategory.IOT.value());
        });
    }
}
