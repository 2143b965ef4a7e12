package io.bigr.discovery.vuln;

import java.util.List;

/**
 * The 18 CVEs every installation has out of the box (docs/DOMAIN.md §6.7), in their fixed insertion order, plus the few
 * published version ranges that let a RouterOS version seen in a banner confirm a match.
 */
public final class BuiltinCves {
    public static final List<CveEntry> ENTRIES = List.of(
            cve("CVE-2023-20198", 10.0, "cisco", "ios_xe", true, "cpe:2.3:o:cisco:ios_xe:*", "2023-10-16",
                    "Cisco IOS XE web UI lets an unauthenticated remote attacker create a privileged account."),
            cve("CVE-2023-20269", 9.1, "cisco", "asa", true, "cpe:2.3:o:cisco:asa:*", "2023-09-06",
                    "Cisco ASA/FTD remote-access VPN allows brute-force of credentials and clientless sessions."),
            cve("CVE-2024-20353", 8.6, "cisco", "asa", true, "cpe:2.3:o:cisco:asa:*", "2024-04-24",
                    "Cisco ASA/FTD web services can be forced to reload remotely (denial of service)."),
            cve("CVE-2021-36260", 9.8, "hikvision", "ip_camera", true, "cpe:2.3:h:hikvision:*:*", "2021-09-18",
                    "Hikvision IP camera web server command injection gives unauthenticated root access."),
            cve("CVE-2023-28808", 9.8, "hikvision", "storage", false, "cpe:2.3:h:hikvision:hybrid_san:*",
                    "2023-04-11", "Hikvision Hybrid SAN / cluster storage access-control flaw allows admin access."),
            cve("CVE-2022-3942", 8.4, "hp", "laserjet", false, "cpe:2.3:h:hp:laserjet:*", "2022-03-21",
                    "HP LaserJet printer firmware buffer overflow can allow remote code execution."),
            cve("CVE-2023-26271", 7.5, "hp", "laserjet", false, "cpe:2.3:h:hp:laserjet:*", "2023-04-04",
                    "HP LaserJet printers may disclose information or be taken offline remotely."),
            cve("CVE-2023-1389", 8.8, "tp-link", "archer", true, "cpe:2.3:h:tp-link:archer_ax21:*", "2023-03-15",
                    "TP-Link Archer AX21 web management command injection (exploited by Mirai botnets)."),
            cve("CVE-2024-21833", 8.8, "tp-link", "router", false, "cpe:2.3:h:tp-link:router:*", "2024-01-11",
                    "Several TP-Link routers allow OS command injection from the adjacent network."),
            cve("CVE-2022-39063", 7.5, "zte", "mf286r", false, "cpe:2.3:h:zte:mf286r:*", "2022-10-11",
                    "ZTE MF286R router exposes functions that let an attacker change device settings."),
            cve("CVE-2023-30799", 9.1, "mikrotik", "routeros", false, "cpe:2.3:o:mikrotik:routeros:*",
                    "2023-07-19", "MikroTik RouterOS admin users can escalate to super-admin and run code."),
            cve("CVE-2018-14847", 9.1, "mikrotik", "routeros", true, "cpe:2.3:o:mikrotik:routeros:*", "2018-08-02",
                    "MikroTik RouterOS Winbox directory traversal lets attackers read or write arbitrary files."),
            cve("CVE-2021-22205", 10.0, "ubiquiti", "unifi", true, "cpe:2.3:a:ubiquiti:unifi_network:*",
                    "2021-04-23", "Remote code execution through crafted image uploads in an exposed web service."),
            cve("CVE-2024-10443", 9.8, "synology", "dsm", false, "cpe:2.3:a:synology:dsm:*", "2024-11-01",
                    "Synology DiskStation Manager photo service allows unauthenticated remote code execution."),
            cve("CVE-2023-2729", 7.5, "synology", "dsm", false, "cpe:2.3:a:synology:dsm:*", "2023-06-13",
                    "Synology DSM uses a weak random number generator, exposing account secrets."),
            cve("CVE-2024-47176", 9.9, "cups", "cups", false, "cpe:2.3:a:cups:cups:*", "2024-09-26",
                    "CUPS browsing service trusts any packet on UDP 631, enabling remote code execution chains."),
            cve("CVE-2023-44487", 7.5, "generic", "http2", true, "cpe:2.3:a:generic:http2:*", "2023-10-10",
                    "HTTP/2 Rapid Reset: stream cancellation floods exhaust servers (denial of service)."),
            cve("CVE-2021-33044", 9.8, "dahua", "ip_camera", true, "cpe:2.3:h:dahua:*:*", "2021-09-15",
                    "Dahua camera login can be bypassed with a crafted packet (authentication bypass)."));

    /**
     * Version ranges of the built-in CVEs where the advisory states one (RouterOS through 6.42; RouterOS before
     * 6.49.7). Only these can turn a built-in match into a version-confirmed one.
     */
    public static final List<CpeMatch> RANGES = List.of(
            new CpeMatch("CVE-2018-14847", "cpe:2.3:o:mikrotik:routeros:*:*:*:*:*:*:*:*", null, null, "6.42", null,
                    true),
            new CpeMatch("CVE-2023-30799", "cpe:2.3:o:mikrotik:routeros:*:*:*:*:*:*:*:*", null, null, null, "6.49.7",
                    true));

    private BuiltinCves() {
    }

    private static CveEntry cve(String id, double cvss, String vendor, String product, boolean kev, String cpe,
                                String published, String description) {
        return new CveEntry(id, cvss, CveEntry.severityOf(cvss), description, vendor, product, cpe, published, false,
                kev, 0);
    }
}
