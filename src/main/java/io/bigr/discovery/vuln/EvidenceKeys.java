package io.bigr.discovery.vuln;

/**
 * The keys of a snapshot's {@code raw_evidence} object (docs/DOMAIN.md §4.12, extended) that the vulnerability engine
 * reads version evidence from. Scanners write them; nothing else in {@code raw_evidence} is ever taken as a version.
 *
 * <ul>
 *   <li>{@link #BANNERS}: a JSON object mapping a port number (as a string) to what that port said, in either of
 *       two shapes: the object {@code bigr scan} writes, e.g. {@code {"22": {"service": "ssh", "banner":
 *       "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1"}, "80": {"service": "http", "server": "nginx/1.18.0"}}} (its
 *       {@code banner} line and {@code server} header are read), or the plain banner text of earlier releases, e.g.
 *       {@code {"22": "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.1", "80": "HTTP/1.1 200 OK\r\nServer: nginx/1.18.0"}}.
 *   <li>{@link #SNMP_SYS_DESCR}: the SNMP {@code sysDescr.0} string of the device, e.g.
 *       {@code "Cisco IOS XE Software, Version 17.03.04a"}.
 * </ul>
 * The asset's {@code manual_note} (set with {@code bigr tag --note}) is the third source, e.g.
 * {@code "firmware RouterOS 6.48.6"}.
 */
public final class EvidenceKeys {
    /** Object: port (string) → banner object ({@code banner} / {@code server}) or plain banner text. */
    public static final String BANNERS = "banners";
    /** String: SNMP sysDescr. */
    public static final String SNMP_SYS_DESCR = "snmp_sys_descr";

    /** Evidence {@code source} values reported with every match. */
    public static final String SOURCE_BANNER = "banner";
    public static final String SOURCE_SNMP = "snmp_sys_descr";
    public static final String SOURCE_MANUAL_NOTE = "manual_note";
    /** A vendor-only match: the asset's vendor name (MAC OUI lookup), no version known. */
    public static final String SOURCE_VENDOR = "vendor";

    private EvidenceKeys() {
    }
}
