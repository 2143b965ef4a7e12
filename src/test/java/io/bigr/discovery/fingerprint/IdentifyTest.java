package io.bigr.discovery.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The matcher on realistic evidence (the {@code raw_evidence} shapes a scan stores), for more than twenty kinds of
 * device, including same-vendor traps, and the resolution rules of docs/DOMAIN.md §4.15.
 */
class IdentifyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Fingerprints DB = Fingerprints.bundled();

    private static Identity identify(String evidenceJson, String hostname, Integer... ports) {
        try {
            JsonNode ev = JSON.readTree(evidenceJson.replace('\'', '"'));
            return DB.identify(Observations.of(ev, hostname, List.of(ports)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(Identity id, Field f) {
        return id.get(f).map(Identity.Attribute::value).orElse(null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # device kind            | evidence (raw_evidence, ' for ")                                                           | hostname          | ports                | device_type      | vendor
            ubuntu ssh server        | {'banners':{'22':{'service':'ssh','banner':'SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6'}}}        | -                 | 22                   | server           | -
            iis web server           | {'banners':{'80':{'service':'http','server':'Microsoft-IIS/10.0','title':'IIS Windows Server'}}} | -                | 80,443               | web_server       | -
            nginx web server         | {'banners':{'80':{'service':'http','server':'nginx/1.24.0','title':'Welcome'}}}                | -                 | 22,80,443            | web_server       | -
            postfix mail server      | {'banners':{'25':{'service':'smtp','banner':'220 mail.example.com ESMTP Postfix (Ubuntu)'}}}  | -                 | 22,25,143,587,993    | mail_server      | -
            exchange                 | {'banners':{'25':{'service':'smtp','banner':'220 EXCH01.corp.example.com Microsoft ESMTP MAIL Service ready at Thu, 4 Jan 2024 10:00:00 +0000'},'443':{'service':'http','title':'Outlook'}}} | - | 25,80,135,443,445 | mail_server | -
            mariadb                  | {'banners':{'3306':{'service':'mysql','banner':'n\\u0000\\u0000\\u0000\\n5.5.5-10.11.6-MariaDB-0+deb12u1\\u0000'}}} | - | 22,3306       | database_server  | -
            windows dc               | {}                                                                                               | DC01              | 53,88,135,139,389,445,464,636,3268,3269,3389 | directory_server | -
            samba file server        | {'mdns_services':[{'name':'files','service_type':'_device-info._tcp.local.','port':0,'hostname':'files.local.','properties':{'model':'MacSamba'}}]} | - | 139,445 | file_server | -
            synology nas             | {'banners':{'5000':{'service':'http','server':'nginx','title':'Synology DiskStation - NAS01'}}} | -                 | 22,80,139,443,445,5000,5001 | nas       | Synology
            vmware esxi              | {'banners':{'80':{'service':'http','title':'VMware Host Client'}}}                             | -                 | 22,80,443,902        | hypervisor       | VMware
            hp printer               | {'banners':{'80':{'service':'http','server':'HP HTTP Server; HP Color LaserJet MFP M479fdw - W1A80A; Serial Number: VNB3R12345; Built:Mon Oct 10, 2022 03:14:16PM {TETONXXXXN002.2240A.00}','title':'HP Color LaserJet MFP M479fdw'}}} | - | 80,443,631,9100 | printer | HP
            hp server (ilo)          | {'banners':{'80':{'service':'http','server':'HPE-iLO-Server/1.0','title':'iLO 5'}}}            | -                 | 22,80,443            | server           | HPE
            brother printer          | {'mdns_services':[{'name':'Brother HL-L2350DW series','service_type':'_ipp._tcp.local.','port':631,'hostname':'BRN3C2AF4.local.','properties':{'ty':'Brother HL-L2350DW series','usb_MFG':'Brother'}}]} | - | 80,631,9100 | printer | Brother
            hikvision camera         | {'banners':{'80':{'service':'http','server':'Hikvision-Webs'}}}                                | -                 | 80,554,8000          | camera           | Hikvision
            hikvision nvr            | {'banners':{'80':{'service':'http','server':'DNVRS-Webs'}}}                                    | -                 | 80,554,8000          | nvr              | Hikvision
            axis camera              | {'banners':{'80':{'service':'http','realm':'AXIS_ACCC8E123456'}}}                              | -                 | 80,554               | camera           | Axis
            samsung tv               | {'upnp':{'manufacturer':'Samsung Electronics','model_name':'UE55TU7100','device_type':'urn:schemas-upnp-org:device:MediaRenderer:1','friendly_name':'[TV] Samsung 7 Series (55)'}} | - | 7676,8001,8002,9197 | tv | Samsung
            samsung phone            | {}                                                                                               | Galaxy-S23-Ultra  | -                    | phone            | Samsung
            chromecast               | {'mdns_services':[{'name':'Chromecast-1a2b','service_type':'_googlecast._tcp.local.','port':8009,'hostname':null,'properties':{'md':'Chromecast','fn':'Living Room'}}]} | - | 8008,8009,8443 | streamer | Google
            google nest mini         | {'mdns_services':[{'name':'Google-Nest-Mini-1a2b','service_type':'_googlecast._tcp.local.','port':8009,'hostname':null,'properties':{'md':'Google Nest Mini'}}]} | - | 8008,8009 | speaker | Google
            apple tv                 | {'mdns_services':[{'name':'Living Room','service_type':'_airplay._tcp.local.','port':7000,'hostname':'Living-Room.local.','properties':{'model':'AppleTV14,1'}}]} | - | 7000,49152 | streamer | Apple
            sonos speaker            | {'banners':{'1400':{'service':'http','server':'Linux UPnP/1.0 Sonos/70.3-35220 (ZPS18)'}}}     | -                 | 1400,1443            | speaker          | Sonos
            shelly plug              | {'mdns_services':[{'name':'shellyplug-s-C8C9A3F1B2D4','service_type':'_http._tcp.local.','port':80,'hostname':'shellyplug-s-C8C9A3F1B2D4.local.','properties':{}}]} | - | 80 | smart_plug | Shelly
            hue bridge               | {'mdns_services':[{'name':'Philips Hue - 123456','service_type':'_hue._tcp.local.','port':443,'hostname':null,'properties':{'bridgeid':'001788fffe123456','modelid':'BSB002'}}]} | - | 80,443 | hub | Signify
            yealink phone            | {'banners':{'80':{'service':'http','title':'Yealink T46U Phone'}}}                             | -                 | 80,443,5060          | voip_phone       | Yealink
            cisco ip phone           | {}                                                                                               | SEP00AABBCCDDEE   | 80,5060              | voip_phone       | Cisco
            apc ups                  | {'snmp_sys_descr':'APC Web/SNMP Management Card (MB:v4.1.0 PF:v6.8.2 PN:apc_hw05_aos_682.bin AF1:v6.8.2 AN1:apc_hw05_sumx_682.bin MN:AP9631 HR:05 SN: ZA1234567890 MD:06/15/2019)'} | - | 80,443 | ups | APC
            niagara controller       | {'banners':{'80':{'service':'http','server':'Niagara Web Server/4.10.5.18'}}}                  | -                 | 80,443,4911          | building_controller | Tridium
            mikrotik router          | {'banners':{'22':{'service':'ssh','banner':'SSH-2.0-ROSSSH'},'80':{'service':'http','title':'RouterOS router configuration page'}}} | - | 22,53,80,8291 | router | MikroTik
            fortigate                | {'banners':{'443':{'service':'http','server':'xxxxxxxx-xxxxx','tls_subject':'CN=FGT60FTK21012345,OU=FortiGate,O=Fortinet,L=Sunnyvale,ST=California,C=US'}}} | - | 443,541 | firewall | Fortinet
            aruba switch             | {'banners':{'80':{'service':'http','server':'eHTTP v2.0'}}}                                    | -                 | 22,23,80             | switch           | HPE
            windows laptop           | {}                                                                                               | LAPTOP-4HQ2N7VB   | 135,139,445          | laptop           | -
            iphone                   | {'mdns_services':[{'name':'Okan’s iPhone','service_type':'_companion-link._tcp.local.','port':49153,'hostname':'Okans-iPhone.local.','properties':{'rpBA':'1A:2B'}}]} | - | 62078 | phone | Apple
            """)
    void identifiesDeviceKinds(String kind, String evidence, String hostname, String ports, String deviceType,
                               String vendor) {
        Integer[] open = ports == null ? new Integer[0]
                : java.util.Arrays.stream(ports.split(",")).map(String::trim).map(Integer::valueOf)
                .toArray(Integer[]::new);
        Identity id = identify(evidence, hostname, open);
        assertThat(value(id, Field.DEVICE_TYPE)).as(kind + " device type; matches " + id.toJson())
                .isEqualTo(deviceType);
        assertThat(value(id, Field.VENDOR)).as(kind + " vendor").isEqualTo(vendor);
    }

    @Test
    void sameVendorTrapsHpPrinterAndHpServer() {
        Identity printer = identify("{'banners':{'80':{'service':'http','server':'HP HTTP Server; HP LaserJet Pro "
                + "M404dn - W1A53A; Serial Number: PHBQA12345; Built:Thu Jul 23, 2020 06:05:49PM {DOBLDPPP2N001.2030C"
                + ".00}'}}}", null, 80, 443, 9100);
        Identity server = identify("{'banners':{'443':{'service':'http','server':'HPE-iLO-Server/1.0',"
                + "'tls_subject':'CN=ILOCZ2123ABCD,OU=ISS,O=Hewlett Packard Enterprise,L=Houston,ST=Texas,C=US'}}}",
                null, 22, 443);
        assertThat(printer.deviceType()).contains(DeviceType.PRINTER);
        assertThat(value(printer, Field.PRODUCT)).isEqualTo("LaserJet Pro M404dn");
        assertThat(server.deviceType()).contains(DeviceType.SERVER);
        assertThat(DeviceType.PRINTER.category()).isNotEqualTo(DeviceType.SERVER.category());
    }

    @Test
    void sameVendorTrapsSamsungPhoneAndSamsungTv() {
        Identity phone = identify("{}", "Galaxy-S23-Ultra");
        Identity tv = identify("{'banners':{'9197':{'service':'http','server':'SHP, UPnP/1.0, Samsung UPnP SDK/1.0'}}}",
                "Samsung-TV", 8001, 8002, 9197);
        assertThat(phone.deviceType()).contains(DeviceType.PHONE);
        assertThat(value(phone, Field.OS)).isEqualTo("Android");
        assertThat(tv.deviceType()).contains(DeviceType.TV);
        assertThat(value(tv, Field.VENDOR)).isEqualTo(value(phone, Field.VENDOR)).isEqualTo("Samsung");
    }

    @Test
    void aWeakSignalNeverOverridesAStrongerOneThatDisagrees() {
        // port 554 and 8000 say camera (0.45), the ports 9100 say printer (0.5); the HTTP server says printer 0.95
        Identity id = identify("{'banners':{'80':{'service':'http','server':'HP-ChaiSOE/1.0'}}}", null, 80, 554,
                8000);
        assertThat(id.deviceType()).contains(DeviceType.PRINTER);
        Identity.Attribute type = id.get(Field.DEVICE_TYPE).orElseThrow();
        assertThat(type.fingerprint()).isEqualTo("hp-chaisoe");
        assertThat(type.source()).isEqualTo("banners.80.server");
        assertThat(type.text()).isEqualTo("HP-ChaiSOE/1.0");
        assertThat(type.certainty()).isEqualTo(0.85);
        // both matched, and the weaker one is still listed
        assertThat(id.matches()).extracting(m -> m.fingerprint().id()).contains("hp-chaisoe", "hikvision-sdk-ports");
    }

    @Test
    void versionComesWithTheProductItBelongsTo() {
        Identity id = identify("{'banners':{'22':{'service':'ssh','banner':'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3'},"
                + "'80':{'service':'http','server':'Apache/2.4.57 (Debian)'}}}", null, 22, 80);
        assertThat(value(id, Field.PRODUCT)).isEqualTo("Apache httpd");
        assertThat(value(id, Field.VERSION)).isEqualTo("2.4.57");
        assertThat(value(id, Field.DEVICE_TYPE)).isEqualTo("web_server");
    }

    @Test
    void nothingKnownGivesNoIdentity() {
        Identity id = identify("{'banners':{'9999':{'service':'unknown','banner':'hello'}}}", "host-17", 1234);
        assertThat(id.isEmpty()).isTrue();
        assertThat(id.matches()).isEmpty();
    }

    @Test
    void realmIsReadFromAnHttpHead() {
        assertThat(Observations.realm("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"Login to "
                + "4K0123PAZ12345\", nonce=\"x\"\r\n")).isEqualTo("Login to 4K0123PAZ12345");
        assertThat(Observations.realm("HTTP/1.1 200 OK\r\nServer: x\r\n")).isNull();
    }
}
