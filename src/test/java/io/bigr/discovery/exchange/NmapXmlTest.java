package io.bigr.discovery.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.bigr.discovery.core.ScanCoverage;
import io.bigr.discovery.core.ScanResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What an nmap report says it asked becomes the imported scan's coverage ports (docs/DOMAIN.md §5.13). */
class NmapXmlTest {
    static String report(String scaninfo) {
        return "<?xml version=\"1.0\"?>\n<nmaprun scanner=\"nmap\" args=\"nmap -p 22,8000-8002 10.0.0.1\""
                + " start=\"1768471200\">" + scaninfo
                + "<host><status state=\"up\"/><address addr=\"10.0.0.1\" addrtype=\"ipv4\"/><ports>"
                + "<port protocol=\"tcp\" portid=\"22\"><state state=\"open\"/></port></ports></host>"
                + "<runstats><finished time=\"1768471260\"/></runstats></nmaprun>";
    }

    static ScanResult read(String xml) {
        return NmapXml.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "r.xml");
    }

    @Test
    void theTcpPortsNmapAskedAreTheCoverage() {
        ScanResult r = read(report("<scaninfo type=\"connect\" protocol=\"tcp\" numservices=\"4\""
                + " services=\"22,8000-8002\"/><scaninfo type=\"udp\" protocol=\"udp\" services=\"53\"/>"));
        ScanCoverage c = ScanCoverage.fromDetails(r.details());
        assertThat(c).isNotNull();
        assertThat(c.ports()).isEqualTo("22,8000-8002");
        assertThat(c.addresses()).as("nmap's addresses are not in the report: nothing is missed").isEmpty();
        assertThat(c.complete()).isFalse();
        assertThat(r.assets()).hasSize(1);
    }

    @Test
    void withoutAReadableListThereIsNoCoverage() {
        assertThat(read(report("")).details()).isNull();
        assertThat(read(report("<scaninfo type=\"connect\" protocol=\"tcp\" services=\"22,x\"/>")).details())
                .isNull();
        assertThat(read(report("<scaninfo type=\"connect\" protocol=\"tcp\" services=\"0-70000\"/>")).details())
                .isNull();
    }
}
