package io.bigr.discovery.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bigr.discovery.core.Json;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bundled table of makers named in Server headers and greetings. */
class BannerMakersTest {
    private static final BannerMakers MAKERS = BannerMakers.bundled();

    @Test
    void everyMakerHasExamplesAndEachExampleYieldsItsMaker() {
        assertThat(MAKERS.makers()).hasSizeGreaterThanOrEqualTo(25);
        for (BannerMakers.Maker m : MAKERS.makers()) {
            assertThat(m.examples()).as(m.vendor()).isNotEmpty();
            for (String example : m.examples()) {
                assertThat(MAKERS.makerOf(example)).as(example).isEqualTo(m.vendor());
            }
        }
        Set<String> vendors = MAKERS.makers().stream().map(BannerMakers.Maker::vendor).collect(Collectors.toSet());
        assertThat(vendors).contains("Hikvision", "Dahua", "Axis", "MikroTik", "Ubiquiti", "Synology", "QNAP", "Cisco",
                "HP", "HPE", "Brother", "Canon", "Epson", "Lexmark", "Xerox", "Ricoh", "Sonos", "Roku", "Fortinet",
                "Juniper", "ZyXEL", "TP-Link", "Netgear", "AVM", "Huawei");
    }

    @Test
    void serverSoftwareAndOrdinaryWordsNameNoMaker() {
        for (String text : List.of("nginx/1.24.0", "Apache/2.4.58 (Ubuntu)", "Microsoft-IIS/10.0", "lighttpd/1.4.59",
                "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13", "Boa/0.94.14rc21", "GoAhead-Webs", "Allegro-Software-RomPager/4.06",
                "220 (vsFTPd 3.0.3)", "220 mail.example.com ESMTP Postfix", "SSH-2.0-dropbear_2022.83",
                "Roku remote (free text), rokuanything", "taxis and brothers", "")) {
            assertThat(MAKERS.makerOf(text)).as(text).isNull();
        }
    }

    @Test
    void findReadsBothBannerShapesInPortOrderServerHeaderFirst() {
        BannerMakers.Match m = MAKERS.find(Json.parseObject("""
                {"8080": {"service": "http", "server": "TP-LINK HTTPD/1.0", "title": "Synology"},
                 "21": "220 ZyXEL FTP version 1.0 ready\\r\\n",
                 "x": {"server": "Hikvision-Webs"}}"""));
        assertThat(m).isEqualTo(new BannerMakers.Match("ZyXEL", "banner", 21, "220 ZyXEL FTP version 1.0 ready"));
        BannerMakers.Match web = MAKERS.find(Json.parseObject(
                "{\"8080\": {\"service\": \"http\", \"server\": \"TP-LINK HTTPD/1.0\", \"title\": \"Synology\"}}"));
        assertThat(web.describe()).isEqualTo("port 8080 Server: TP-LINK HTTPD/1.0 → TP-Link");
        assertThat(MAKERS.find(Json.parseObject("{\"80\": {\"service\": \"http\", \"title\": \"Hikvision\"}}")))
                .as("titles are not read").isNull();
        assertThat(MAKERS.find(null)).isNull();
    }

    @Test
    void aBadTableNamesTheLine() {
        assertThatThrownBy(() -> BannerMakers.parse(new BufferedReader(new StringReader("# c\nAcme = (\n")), "t.txt"))
                .hasMessageContaining("t.txt line 2: bad pattern");
        assertThatThrownBy(() -> BannerMakers.parse(new BufferedReader(new StringReader("  e.g. x\n")), "t.txt"))
                .hasMessageContaining("t.txt line 1: example before any maker");
        assertThatThrownBy(() -> BannerMakers.parse(new BufferedReader(new StringReader("Acme\n")), "t.txt"))
                .hasMessageContaining("t.txt line 1: expected 'Vendor = pattern'");
    }
}
