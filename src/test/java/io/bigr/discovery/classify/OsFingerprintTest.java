package io.bigr.discovery.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The docs/DOMAIN.md §4.4 tables: port set → hint (first line wins), banner → hint, banner over ports, probe plan. */
class OsFingerprintTest {

    static Stream<Arguments> portLines() {
        return Stream.of(
                Arguments.of(List.of(3389, 445), "Windows"),                 // 1
                Arguments.of(List.of(3389, 22, 80), "Windows"),              // 2 wins over the SSH lines
                Arguments.of(List.of(445), "Windows"),                       // 3
                Arguments.of(List.of(445, 139, 80), "Windows"),              // 3
                Arguments.of(List.of(22, 80, 443), "Linux (Server)"),        // 4
                Arguments.of(List.of(22, 445, 161), "Linux (Server)"),       // 4: 445 with SSH is not line 3
                Arguments.of(List.of(22), "Linux"),                          // 5
                Arguments.of(List.of(22, 161), "Linux"),                     // 5 (line 6 is unreachable)
                Arguments.of(List.of(161), "Network Equipment"),             // 7
                Arguments.of(List.of(161, 80), "Network Equipment"),         // 7
                Arguments.of(List.of(554), "IP Camera"),                     // 8
                Arguments.of(List.of(161, 80, 554), "IP Camera"),            // 8: |P| = 3 skips 7
                Arguments.of(List.of(1883, 8883), "IoT Device"),             // 9
                Arguments.of(List.of(9100, 631), "Printer"),                 // 10
                Arguments.of(List.of(554, 9100), "IP Camera"),               // 8 before 10
                Arguments.of(List.of(80), "Web Server"),                     // 11
                Arguments.of(List.of(80, 443, 8080, 8443), "Web Server"),    // 11
                Arguments.of(List.of(80, 3306), null),                       // not a subset
                Arguments.of(List.of(53), null),
                Arguments.of(List.of(), null));
    }

    @ParameterizedTest
    @MethodSource("portLines")
    void fromPorts(List<Integer> ports, String hint) {
        assertThat(OsFingerprint.fromPorts(ports)).isEqualTo(hint);
    }

    static Stream<Arguments> banners() {
        return Stream.of(
                Arguments.of("HTTP/1.1 200 OK\r\nServer: Microsoft-IIS/10.0", "Windows"),
                Arguments.of("SSH-2.0-OpenSSH_for_Windows_8.1", "Windows"),
                Arguments.of("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6", "Linux"),
                Arguments.of("Server: Apache/2.4.6 (CentOS)", "Linux"),
                Arguments.of("Server: Apache/2.4.6 (Red Hat)", "Linux"),
                Arguments.of("Server: Apache/2.4.6 (RedHat)", "Linux"),
                Arguments.of("HTTP/1.1 200 OK\r\nServer: nginx/1.24.0", "Linux (Web Server)"),
                Arguments.of("Server: lighttpd/1.4.59", "Linux (Web Server)"),
                Arguments.of("SSH-2.0-OpenSSH_9.6", "Linux"),
                Arguments.of("SSH-2.0-ROSSSH", null),
                Arguments.of("HTTP/1.0 200 OK\r\nServer: MikroTik RouterOS", "Network Equipment (MikroTik)"),
                Arguments.of("SSH-2.0-Cisco-1.25", "Network Equipment (Cisco)"),
                Arguments.of("Server: Hikvision-Webs", "IP Camera"),
                Arguments.of("Server: DAHUA", "IP Camera"),
                Arguments.of("Server: HP HTTP Server; HP LaserJet JetDirect", "Printer"),
                Arguments.of("Server: CUPS/2.4 IPP/2.1", "Printer"),
                Arguments.of("  220 ProFTPD Server ready  ", null),
                Arguments.of("", null),
                Arguments.of(null, null));
    }

    @ParameterizedTest
    @MethodSource("banners")
    void fromBanner(String banner, String hint) {
        assertThat(OsFingerprint.fromBanner(banner)).isEqualTo(hint);
    }

    @Test
    void bannerPatternsAreTriedInOrder() {
        // "ubuntu" (line 2) and "apache" (line 3): line 2 wins; "openssh" + "debian": line 2 again
        assertThat(OsFingerprint.fromBanner("Server: Apache/2.4.57 (Ubuntu)")).isEqualTo("Linux");
        assertThat(OsFingerprint.fromBanner("SSH-2.0-OpenSSH_9.2p1 Debian-2")).isEqualTo("Linux");
        // "ios" is a plain substring, so it fires inside other words, as specified
        assertThat(OsFingerprint.fromBanner("Server: Bios-Web")).isEqualTo("Network Equipment (Cisco)");
    }

    @Test
    void theFirstMatchingBannerWinsOverThePortTable() {
        List<Integer> ports = List.of(22, 80, 443);
        assertThat(OsFingerprint.hint(ports, List.of("SSH-2.0-OpenSSH_9.6", "Server: nginx"))).isEqualTo("Linux");
        assertThat(OsFingerprint.hint(ports, List.of("220 hello", "Server: nginx"))).isEqualTo("Linux (Web Server)");
        assertThat(OsFingerprint.hint(ports, List.of("220 hello"))).isEqualTo("Linux (Server)");
        assertThat(OsFingerprint.hint(ports, null)).isEqualTo("Linux (Server)");
    }

    @Test
    void bannerProbePlan() {
        assertThat(OsFingerprint.bannerPorts(List.of(8080, 80, 22, 443))).containsExactly(22, 80);
        assertThat(OsFingerprint.bannerPorts(List.of(8080, 443))).containsExactly(8080);
        assertThat(OsFingerprint.bannerPorts(List.of(443))).isEmpty();
        assertThat(OsFingerprint.bannerRequest(80, "10.0.0.1")).isEqualTo("HEAD / HTTP/1.0\r\nHost: 10.0.0.1\r\n\r\n");
        assertThat(OsFingerprint.bannerRequest(8443, "10.0.0.1")).startsWith("HEAD / ");
        assertThat(OsFingerprint.bannerRequest(22, "10.0.0.1")).isEqualTo("\r\n");
        assertThat(OsFingerprint.BANNER_TIMEOUT.toMillis()).isEqualTo(2000);
        assertThat(OsFingerprint.BANNER_MAX_BYTES).isEqualTo(1024);
    }

    @Test
    void sshBannersOnAnyPortComeFirst() {
        assertThat(OsFingerprint.bannerPorts(List.of(80, 12222), List.of(12222))).containsExactly(12222, 80);
        assertThat(OsFingerprint.bannerPorts(List.of(22, 2200, 80), List.of(22, 2200))).containsExactly(22, 2200);
        // an SSH port that is not open (evidence from elsewhere) is not read
        assertThat(OsFingerprint.bannerPorts(List.of(8080), List.of(12222))).containsExactly(8080);
        assertThat(OsFingerprint.hint(List.of(12222), List.of("SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13")))
                .isEqualTo("Linux");
    }
}
