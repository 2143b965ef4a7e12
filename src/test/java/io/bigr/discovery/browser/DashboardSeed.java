package io.bigr.discovery.browser;

import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.core.ScanMethod;
import io.bigr.discovery.db.AssetDao;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.db.SwitchDao;
import io.bigr.discovery.testing.TestData;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The data every dashboard page test starts from: two scans of {@value #TARGET} an hour apart (so the change log
 * has a new asset, a vendor change and an asset that went missing), identity fields from fingerprints, a switch
 * placement, a TLS certificate that expires in {@value #CERT_DAYS} days, a labelled subnet and a registered switch.
 * The constants are the values a page must show.
 */
public final class DashboardSeed {
    public static final String TARGET = "10.0.0.0/24";
    public static final Instant FIRST_SCAN = TestData.T0;
    public static final Instant SECOND_SCAN = TestData.T0.plus(Duration.ofHours(1));

    public static final String ROUTER_IP = "10.0.0.1";
    public static final String ROUTER_MAC = "aa:00:00:00:00:01";
    public static final String ROUTER_HOST = "gw.office";
    public static final String CAMERA_IP = "10.0.0.20";
    public static final String LAPTOP_IP = "10.0.0.30";
    public static final String UNKNOWN_IP = "10.0.0.99";
    public static final String PRINTER_IP = "10.0.0.40";
    public static final String SWITCH_HOST = "sw-core";
    public static final String SWITCH_PORT = "Gi1/0/1";
    public static final String SUBNET = "10.0.0.0/24";
    public static final String SUBNET_LABEL = "Ofis";
    public static final String CERT_CN = "gw.office";
    public static final int CERT_DAYS = 20;
    /** Assets in the inventory after both scans (the laptop is kept, as missed). */
    public static final int ASSETS = 5;

    private DashboardSeed() {
    }

    public static void seed(Daos daos) {
        daos.store().save(TestData.scan(TARGET, FIRST_SCAN,
                router(FIRST_SCAN),
                asset(CAMERA_IP, "aa:00:00:00:00:20", "cam-lobby", "Hikvision", BigrCategory.IOT, 0.75, FIRST_SCAN,
                        "camera", "DS-2CD2043", "Linux", null, 80, 554),
                asset(LAPTOP_IP, "aa:00:00:00:00:30", "ayse-laptop", "Apple", BigrCategory.TASINABILIR, 0.55,
                        FIRST_SCAN, "laptop", null, "macOS", "14", 22),
                asset(UNKNOWN_IP, null, null, null, BigrCategory.UNCLASSIFIED, 0.1, FIRST_SCAN, null, null, null,
                        null)));
        daos.store().save(TestData.scan(TARGET, SECOND_SCAN,
                router(SECOND_SCAN),
                asset(CAMERA_IP, "aa:00:00:00:00:20", "cam-lobby", "Hikvision", BigrCategory.IOT, 0.75, SECOND_SCAN,
                        "camera", "DS-2CD2043", "Linux", null, 80, 554),
                asset(UNKNOWN_IP, null, null, "Espressif", BigrCategory.UNCLASSIFIED, 0.2, SECOND_SCAN, null, null,
                        null, null),
                asset(PRINTER_IP, "aa:00:00:00:00:40", "printer-2", "HP", BigrCategory.IOT, 0.8, SECOND_SCAN,
                        "printer", "LaserJet", null, null, 9100, 631)));
        // the laptop was not seen by the second scan: missed (docs/DOMAIN.md §3.15), as the scan pipeline marks it
        String laptop = daos.assets().byIp(LAPTOP_IP).get(0).id();
        daos.assets().setStatuses(List.of(new AssetDao.StatusWrite(laptop, "missed")));
        daos.subnets().add(SUBNET, SUBNET_LABEL, 10);
        daos.switches().save(new SwitchDao.Credentials(SWITCH_HOST, "public", "2c", "Core switch", null, null, null,
                null, null));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        daos.certificates().save(new Certificate(null, ROUTER_IP, 443, CERT_CN, "CN=Office CA", "Office CA",
                now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(CERT_DAYS)), "0a1b2c", 2048, "RSA", false,
                false, CERT_DAYS, List.of(CERT_CN), now, "SHA256withRSA"));
    }

    /** The router's SSH banner (port 22), shown on its page. */
    public static final String ROUTER_BANNER = "SSH-2.0-Cisco-1.25";
    /** The fingerprint rule of the router's evidence and the weight it added (docs/DOMAIN.md §4.12, §4.15). */
    public static final String ROUTER_FINGERPRINT_RULE = "fingerprint:cisco-ios-ssh";
    public static final double ROUTER_FINGERPRINT_WEIGHT = 1.8;

    /** Evidence as the classifier writes it: rule verdicts, the weights each rule added, the banners read. */
    static ObjectNode routerEvidence() {
        return Json.parseObject("""
                {"port_rules": ["22/tcp (SSH) -> ag_ve_sistemler"],
                 "vendor_rule": "Cisco -> ag_ve_sistemler",
                 "evidence_weights": {"rules": [
                    {"source": "port", "rule": "22", "weights": {"ag_ve_sistemler": 0.3, "uygulamalar": 0.1}},
                    {"source": "vendor", "rule": "cisco", "weights": {"ag_ve_sistemler": 0.6}},
                    {"source": "fingerprint", "rule": "%s", "text": "%s",
                     "weights": {"ag_ve_sistemler": %s}}],
                  "totals": {"ag_ve_sistemler": 2.7, "uygulamalar": 0.1, "iot": 0.0, "tasinabilir": 0.0}},
                 "banners": {"22": {"service": "ssh", "banner": "%s"},
                             "443": {"service": "https", "server": "cisco-IOS", "protocol": "HTTP/1.1"}}}
                """.formatted(ROUTER_FINGERPRINT_RULE, ROUTER_BANNER, ROUTER_FINGERPRINT_WEIGHT, ROUTER_BANNER));
    }

    static Asset router(Instant seen) {
        return new Asset(IpAddress.of(ROUTER_IP), MacAddress.ofNullable(ROUTER_MAC), ROUTER_HOST, "Cisco",
                List.of(22, 443), "Cisco IOS", BigrCategory.AG_VE_SISTEMLER, 0.9, ScanMethod.ACTIVE, seen, seen,
                routerEvidence(),
                SWITCH_HOST, SWITCH_PORT, 1, "router", "ISR 4331", "IOS XE", "17.9");
    }

    static Asset asset(String ip, String mac, String hostname, String vendor, BigrCategory category, double score,
                       Instant seen, String deviceType, String product, String os, String osVersion, Integer... ports) {
        return new Asset(IpAddress.of(ip), MacAddress.ofNullable(mac), hostname, vendor, List.of(ports), null,
                category, score, ScanMethod.ACTIVE, seen, seen, null, null, null, null, deviceType, product, os,
                osVersion);
    }
}
