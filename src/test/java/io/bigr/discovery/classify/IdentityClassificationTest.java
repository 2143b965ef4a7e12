package io.bigr.discovery.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Asset;
import io.bigr.discovery.core.IpAddress;
import io.bigr.discovery.core.MacAddress;
import io.bigr.discovery.core.BigrCategory;
import io.bigr.discovery.fingerprint.DeviceType;
import io.bigr.discovery.fingerprint.Fingerprints;
import io.bigr.discovery.fingerprint.Identity;
import io.bigr.discovery.fingerprint.Observations;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Classification from identity (docs/DOMAIN.md §4.15): the device-type → category table, servers by role, the
 * weight and its evidence, and the vendor a fingerprint fills in.
 */
class IdentityClassificationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Classifier CLASSIFIER = Classifier.load(null);

    private static Asset classify(String ip, String mac, String hostname, String evidence, Integer... ports) {
        try {
            ObjectNode ev = (ObjectNode) JSON.readTree(evidence.replace('\'', '"'));
            Asset a = new Asset(IpAddress.of(ip), mac == null ? null : MacAddress.of(mac), hostname, null, List.of(ports), null, null, 0.0, null, null, null, ev, null,
                    null, null);
            Identity id = Fingerprints.bundled().identify(Observations.of(ev, hostname, a.openPorts()));
            // the scan fills the OS hint from banners and ports before classifying (§4.4)
            Asset hinted = a.withOsHint(OsFingerprint.hint(a.openPorts(), List.of()));
            return CLASSIFIER.classify(hinted, null, id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            web (nginx + ssh)        | -                 | {'banners':{'22':{'service':'ssh','banner':'SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6'},'80':{'service':'http','server':'nginx/1.24.0'}}} | 22,80,443 | uygulamalar
            web (iis)                | -                 | {'banners':{'80':{'service':'http','server':'Microsoft-IIS/10.0'}}}                                                   | 80,135,443,445,3389 | uygulamalar
            database (mariadb)       | -                 | {'banners':{'3306':{'service':'mysql','banner':'n\\u0000\\u0000\\u0000\\n5.5.5-10.11.6-MariaDB-0+deb12u1\\u0000'}}}      | 22,3306   | uygulamalar
            database (postgres port) | -                 | {}                                                                                                                     | 22,5432   | uygulamalar
            mail (postfix)           | -                 | {'banners':{'25':{'service':'smtp','banner':'220 mail.example.com ESMTP Postfix (Ubuntu)'}}}                          | 22,25,143,587,993 | uygulamalar
            mail (exchange)          | EXCH01            | {'banners':{'25':{'service':'smtp','banner':'220 EXCH01.corp.example.com Microsoft ESMTP MAIL Service ready at Thu, 4 Jan 2024 10:00:00 +0000'}}} | 25,80,135,443,445,3389 | uygulamalar
            file (vsftpd)            | -                 | {'banners':{'21':{'service':'ftp','banner':'220 (vsFTPd 3.0.5)'}}}                                                    | 21,22,139,445 | uygulamalar
            file (nas)               | -                 | {'banners':{'5000':{'service':'http','title':'Synology DiskStation - NAS01'}}}                                        | 22,80,139,443,445,5000,5001 | uygulamalar
            domain controller        | DC01              | {}                                                                                                                     | 53,88,135,139,389,445,464,636,3268,3269,3389 | ag_ve_sistemler
            dns server (windows)     | NS1               | {}                                                                                                                     | 53,135,139,445,3389 | ag_ve_sistemler
            hypervisor (esxi)        | -                 | {'banners':{'80':{'service':'http','title':'VMware Host Client'}}}                                                    | 22,80,443,902 | ag_ve_sistemler
            windows workstation      | DESKTOP-8F3KQ2M   | {}                                                                                                                     | 135,139,445 | tasinabilir
            smart tv                 | -                 | {'upnp':{'manufacturer':'Samsung Electronics','model_name':'UE55TU7100','device_type':'urn:schemas-upnp-org:device:MediaRenderer:1','friendly_name':'[TV] Samsung 7 Series (55)'}} | 7676,8001,8002,9197 | iot
            cast device              | -                 | {'mdns_services':[{'name':'Chromecast-1a2b','service_type':'_googlecast._tcp.local.','port':8009,'hostname':null,'properties':{'md':'Chromecast'}}]} | 8008,8009,8443 | iot
            smart speaker            | -                 | {'banners':{'1400':{'service':'http','server':'Linux UPnP/1.0 Sonos/70.3-35220 (ZPS18)'}}}                           | 1400,1443 | iot
            smart plug               | -                 | {'mdns_services':[{'name':'shellyplug-s-C8C9A3F1B2D4','service_type':'_http._tcp.local.','port':80,'hostname':null,'properties':{}}]} | 80 | iot
            voip phone               | -                 | {'banners':{'80':{'service':'http','title':'Yealink T46U Phone'}}}                                                    | 80,443,5060 | iot
            router (mikrotik)        | -                 | {'banners':{'22':{'service':'ssh','banner':'SSH-2.0-ROSSSH'}}}                                                        | 22,53,80,8291 | ag_ve_sistemler
            """)
    void categoryFollowsIdentity(String kind, String hostname, String evidence, String ports, String category) {
        Integer[] open = Arrays.stream(ports.split(",")).map(String::trim).map(Integer::valueOf).toArray(Integer[]::new);
        Asset a = classify("10.0.0.10", null, hostname, evidence, open);
        assertThat(a.bigrCategory().value()).as(kind + ": " + a.rawEvidence()).isEqualTo(category);
    }

    @Test
    void sameVendorTrapsSamsungPhoneAndTvWithASamsungMac() {
        Asset tv = classify("10.0.0.21", "e8:6a:64:00:00:01", null, "{'banners':{'9197':{'service':'http','server':"
                + "'SHP, UPnP/1.0, Samsung UPnP SDK/1.0'}}}", 8001, 8002, 9197);
        Asset phone = classify("10.0.0.22", "e8:6a:64:00:00:02", "Galaxy-S23-Ultra", "{}");
        assertThat(tv.vendor()).isEqualTo(phone.vendor()).isEqualTo("Samsung");
        assertThat(tv.bigrCategory()).isEqualTo(BigrCategory.IOT);
        assertThat(phone.bigrCategory()).isEqualTo(BigrCategory.TASINABILIR);
    }

    @Test
    void evidenceNamesFingerprintWeightAndTextAndTheVendorSource() {
        Asset cam = classify("10.9.0.50", null, null, "{'banners':{'80':{'service':'http','server':'Hikvision-Webs'}}}",
                80, 554);
        assertThat(cam.vendor()).isEqualTo("Hikvision");
        assertThat(cam.bigrCategory()).isEqualTo(BigrCategory.IOT);
        JsonNode ev = cam.rawEvidence();
        // the Server header's maker (§4.3) came first; the fingerprint agrees
        assertThat(ev.get("vendor_source").asText()).isEqualTo("http_server");
        JsonNode rule = null;
        for (JsonNode r : ev.get("evidence_weights").get("rules")) {
            if (r.get("source").asText().equals("fingerprint")) {
                rule = r;
            }
        }
        assertThat(rule).isNotNull();
        assertThat(rule.get("rule").asText()).isEqualTo("fingerprint:hikvision-webs");
        assertThat(rule.get("weights").get("iot").asDouble()).isEqualTo(Classifier.FINGERPRINT_WEIGHT * 0.85);
        assertThat(rule.get("text").asText()).isEqualTo("Hikvision-Webs");
        assertThat(ev.get("fingerprint_rule").asText()).contains("camera", "hikvision-webs", "Hikvision-Webs", "iot");
        JsonNode identity = ev.get("identity");
        assertThat(identity.get("device_type").get("value").asText()).isEqualTo("camera");
        assertThat(identity.get("vendor").get("source").asText()).isEqualTo("banners.80.server");
        // the vendor rule sees the filled-in vendor too
        assertThat(ev.get("vendor_rule").asText()).startsWith("Hikvision");
    }

    @Test
    void aFingerprintVendorFillsWhatNeitherMacNorBannerMakerGave() {
        Asset plug = classify("10.9.0.51", null, null, "{'mdns_services':[{'name':'shellyplug-s-C8C9A3F1B2D4',"
                + "'service_type':'_http._tcp.local.','port':80,'hostname':null,'properties':{}}]}", 80);
        assertThat(plug.vendor()).isEqualTo("Shelly");
        assertThat(plug.rawEvidence().get("vendor_source").asText()).isEqualTo("fingerprint:shelly-plug-mdns");
        assertThat(plug.rawEvidence().get("vendor_match").asText())
                .isEqualTo("mdns_services[0].name _http._tcp.local. name=shellyplug-s-C8C9A3F1B2D4 → Shelly");
        assertThat(plug.bigrCategory()).isEqualTo(BigrCategory.IOT);
    }

    @Test
    void aMacVendorIsNeverReplaced() {
        Asset a = classify("10.0.0.60", "00:1e:bd:aa:bb:cc", null, "{'banners':{'80':{'service':'http','server':"
                + "'Hikvision-Webs'}}}", 80);
        assertThat(a.vendor()).isEqualTo("Cisco");
        assertThat(a.rawEvidence().has("vendor_source")).isFalse();
    }

    @Test
    void noIdentityClassifiesAsBefore() {
        Asset a = new Asset(IpAddress.of("10.0.0.100"), MacAddress.of("00:21:cc:aa:bb:cc"), "okan-laptop", null, List.of(3389), null, null, 0.0,
                null, null, null, null, null, null, null);
        Asset without = CLASSIFIER.classify(a, null);
        Asset none = CLASSIFIER.classify(a, null, Identity.NONE);
        assertThat(none).isEqualTo(without);
        assertThat(none.rawEvidence().has("identity")).isFalse();
    }

    @Test
    void everyDeviceTypeHasACategory() {
        for (DeviceType t : DeviceType.values()) {
            assertThat(BigrCategory.TAGGABLE).as(t.value()).contains(t.category());
        }
        assertThat(DeviceType.DIRECTORY_SERVER.category()).isEqualTo(BigrCategory.AG_VE_SISTEMLER);
        assertThat(DeviceType.DNS_SERVER.category()).isEqualTo(BigrCategory.AG_VE_SISTEMLER);
        assertThat(List.of(DeviceType.WEB_SERVER, DeviceType.DATABASE_SERVER, DeviceType.MAIL_SERVER,
                DeviceType.FILE_SERVER, DeviceType.NAS)).allMatch(t -> t.category() == BigrCategory.UYGULAMALAR);
        assertThat(List.of(DeviceType.WORKSTATION, DeviceType.LAPTOP, DeviceType.PHONE, DeviceType.TABLET))
                .allMatch(t -> t.category() == BigrCategory.TASINABILIR);
    }
}
