package io.bigr.discovery.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bigr.discovery.core.Json;
import io.bigr.discovery.fingerprint.DeviceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The devices of the suite's namespace lab ({@link ScanLabIT}): imitations of real devices from many vendors that
 * answer with the bytes the real ones send (SSH, FTP, SMTP, IMAP, POP3 and telnet greetings, HTTP and HTTPS with
 * their Server headers, titles and realms, TLS certificates, RTSP, PJL, MySQL and PostgreSQL handshakes, RDP
 * connection confirms, SSDP answers with UPnP descriptions, identity endpoints, mDNS records, NetBIOS name tables,
 * SNMP through net-snmp's snmpd), with the device type and vendor each must be identified as. The strings are the
 * ones such devices are documented or observed to send; several vendors have more than one kind of device here
 * (printer and workstation, phone and TV, switch and server), a laptop and a phone use randomised MACs, and some
 * services listen on unusual ports.
 */
final class LabDevices {
    /** SNMP community of the lab's agents, registered with {@code bigr snmp add} before the scan. */
    static final String COMMUNITY = "lab-ro-7c1";

    /** One imitated device and what the scan must say it is. */
    static final class Device {
        final int octet;
        final String mac;
        final String hostname;
        final String kind;
        final DeviceType type;
        final String vendor;
        final ObjectNode spec = Json.object();
        private final ObjectNode tcp = spec.putObject("tcp");
        NamespaceLab.Snmp snmp;
        String ip;

        Device(int octet, String mac, String hostname, String kind, String type, String vendor) {
            this.octet = octet;
            this.mac = mac;
            this.hostname = hostname;
            this.kind = kind;
            this.type = DeviceType.parse(type).orElseThrow(() -> new IllegalArgumentException(type));
            this.vendor = vendor;
        }

        List<Integer> ports() {
            TreeSet<Integer> p = new TreeSet<>();
            tcp.fieldNames().forEachRemaining(k -> p.add(Integer.parseInt(k)));
            return List.copyOf(p);
        }

        Device greet(int port, String text) {
            tcp.putObject(Integer.toString(port)).put("greet", text);
            return this;
        }

        Device silent(int... ports) {
            for (int port : ports) {
                tcp.putObject(Integer.toString(port));
            }
            return this;
        }

        Device reply(int port, String text) {
            tcp.putObject(Integer.toString(port)).put("reply", text);
            return this;
        }

        Device replyHex(int port, String hex) {
            tcp.putObject(Integer.toString(port)).put("reply_hex", hex);
            return this;
        }

        Device mysql(int port, String version) {
            tcp.putObject(Integer.toString(port)).put("mysql", version);
            return this;
        }

        Device rdp() {
            // TPKT + X.224 Connection Confirm + RDP_NEG_RSP selecting CredSSP (HYBRID)
            return replyHex(3389, "030000130ed000001234000200080002000000");
        }

        Device rtsp(int port, String server) {
            return reply(port, "RTSP/1.0 200 OK\r\nCSeq: 1\r\n" + (server == null ? "" : "Server: " + server + "\r\n")
                    + "Public: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER\r\n\r\n");
        }

        Device pjl(String id) {
            return reply(9100, "@PJL INFO ID\r\n\"" + id + "\"\r\n\f");
        }

        private ObjectNode http(int port) {
            ObjectNode p = (ObjectNode) tcp.get(Integer.toString(port));
            if (p == null) {
                p = tcp.putObject(Integer.toString(port));
            }
            return p.has("http") ? (ObjectNode) p.get("http") : p.putObject("http");
        }

        Device http(int port, String server, String title) {
            ObjectNode h = http(port);
            putIf(h, "server", server);
            putIf(h, "title", title);
            return this;
        }

        Device realm(int port, String server, String realm) {
            ObjectNode h = http(port);
            putIf(h, "server", server);
            h.put("realm", realm);
            return this;
        }

        Device redirect(int port, String server, String location) {
            ObjectNode h = http(port);
            putIf(h, "server", server);
            h.put("location", location);
            return this;
        }

        /** A document served at {@code path} on an HTTP port. */
        Device path(int port, String path, String type, String body) {
            http(port).with("paths").putObject(path).put("type", type).put("body", body);
            return this;
        }

        /** TLS with a self-signed certificate for {@code subject} ({@code /CN=...}); HTTP over it when asked. */
        Device tls(int port, String subject) {
            ObjectNode p = (ObjectNode) tcp.get(Integer.toString(port));
            if (p == null) {
                p = tcp.putObject(Integer.toString(port));
            }
            p.putObject("tls").put("subject", subject);
            return this;
        }

        Device https(int port, String subject, String server, String title) {
            tls(port, subject);
            return http(port, server, title);
        }

        /** Answers SSDP searches with a description served at {@code http://ip:port/path}. */
        Device ssdp(int port, String path, String server, String descriptionXml) {
            ObjectNode s = spec.putObject("ssdp");
            s.put("location", "http://" + ip + ":" + port + path);
            s.put("server", server);
            return path(port, path, "text/xml; charset=\"utf-8\"", descriptionXml);
        }

        Device mdns(String type, String name, int port, String... txt) {
            ArrayNode list = spec.has("mdns") ? (ArrayNode) spec.get("mdns") : spec.putArray("mdns");
            ObjectNode s = list.addObject().put("type", type).put("name", name).put("port", port);
            ObjectNode t = s.putObject("txt");
            for (int i = 0; i + 1 < txt.length; i += 2) {
                t.put(txt[i], txt[i + 1]);
            }
            return this;
        }

        /** NetBIOS name table: {@code name, suffix, group} triples, e.g. {@code "CORP", 0x1c, true}. */
        Device netbios(Object... names) {
            ObjectNode n = spec.putObject("netbios");
            ArrayNode list = n.putArray("names");
            for (int i = 0; i + 2 < names.length; i += 3) {
                list.addArray().add((String) names[i]).add((Integer) names[i + 1]).add((Boolean) names[i + 2]);
            }
            n.put("mac", mac);
            return this;
        }

        Device snmp(String sysDescr, String sysObjectId, String sysName) {
            snmp = new NamespaceLab.Snmp(COMMUNITY, sysDescr, sysObjectId, sysName);
            return this;
        }

        NamespaceLab.Host host() {
            return new NamespaceLab.Host(octet, mac, hostname, ports(), Map.of(), List.of(), null, null, spec, snmp);
        }

        private static void putIf(ObjectNode o, String key, String value) {
            if (value != null) {
                o.put(key, value);
            }
        }
    }

    private LabDevices() {
    }

    static String upnp(String deviceType, String friendlyName, String manufacturer, String modelName,
                       String modelNumber) {
        return "<?xml version=\"1.0\"?>\n<root xmlns=\"urn:schemas-upnp-org:device-1-0\">"
                + "<specVersion><major>1</major><minor>0</minor></specVersion><device>"
                + "<deviceType>" + deviceType + "</deviceType><friendlyName>" + friendlyName + "</friendlyName>"
                + "<manufacturer>" + manufacturer + "</manufacturer><modelName>" + modelName + "</modelName>"
                + (modelNumber == null ? "" : "<modelNumber>" + modelNumber + "</modelNumber>")
                + "<UDN>uuid:2f402f80-da50-11e1-9b23-" + Integer.toHexString(friendlyName.hashCode()) + "</UDN>"
                + "</device></root>\n";
    }

    /** Every device of the lab, with addresses in {@code prefix} (e.g. {@code 10.250.77.}). */
    static List<Device> all(String prefix) {
        List<Device> d = new ArrayList<>();
        // ---- network gear
        d.add(dev(prefix, 10, "00:1e:bd:4a:10:01", "core-sw-01.lab", "Cisco Catalyst switch", "switch", "Cisco")
                .greet(22, "SSH-2.0-Cisco-1.25")
                .greet(23, "\r\n\r\nUser Access Verification\r\n\r\nUsername: ")
                .realm(80, "cisco-IOS", "level_15_access")
                .snmp("Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E4, RELEASE"
                        + " SOFTWARE (fc2)", ".1.3.6.1.4.1.9.1.1208", "core-sw-01"));
        d.add(dev(prefix, 11, "00:25:84:4a:11:02", null, "Cisco UCS server (CIMC)", "server", "Cisco")
                .redirect(80, null, "https://" + prefix + "11/")
                .https(443, "/C=US/ST=California/L=San Jose/O=Cisco Systems Inc./OU=Cisco IMC/CN=C220-WZP2315ABC",
                        null, "Cisco Integrated Management Controller WebUI"));
        d.add(dev(prefix, 12, "48:8f:5a:4a:12:03", null, "MikroTik router", "router", "MikroTik")
                .greet(21, "220 MikroTik FTP server (MikroTik 6.49.10) ready")
                .greet(22, "SSH-2.0-ROSSSH")
                .http(80, null, "RouterOS router configuration page")
                .silent(53, 8291));
        d.add(dev(prefix, 13, "74:83:c2:4a:13:04", "gw-edge.lab", "Ubiquiti EdgeRouter", "router", "Ubiquiti")
                .greet(22, "SSH-2.0-OpenSSH_7.4p1 Debian-10+deb9u7")
                .redirect(80, "Server", "https://" + prefix + "13/")
                .https(443, "/CN=UbiquitiRouterUI/O=Ubiquiti Inc./L=New York/ST=New York/C=US", "Server", "EdgeOS"));
        d.add(dev(prefix, 14, "00:09:0f:4a:14:05", null, "FortiGate firewall", "firewall", "Fortinet")
                .redirect(80, "xxxxxxxx-xxxxx", "https://" + prefix + "14:443/")
                .https(443, "/C=US/ST=California/L=Sunnyvale/O=Fortinet/OU=FortiGate/CN=FGT60FTK21012345",
                        "xxxxxxxx-xxxxx", null)
                .silent(541));
        d.add(dev(prefix, 15, "50:c7:bf:4a:15:06", null, "TP-Link home router", "router", "TP-Link")
                .silent(53)
                .http(80, null, "Archer C6")
                .ssdp(1900, "/igd.xml", "Linux/2.6.36, UPnP/1.0, Portable SDK for UPnP devices/1.6.19",
                        upnp("urn:schemas-upnp-org:device:InternetGatewayDevice:1", "Archer C6", "TP-Link",
                                "Archer C6", "6.0")));
        d.add(dev(prefix, 16, "3c:a6:2f:4a:16:07", "fritz.box", "AVM FRITZ!Box", "router", "AVM")
                .silent(53)
                .http(80, null, "FRITZ!Box")
                .tls(443, "/CN=fritz.box")
                .ssdp(49000, "/igddesc.xml", "FRITZ!Box 7590 UPnP/1.0 AVM FRITZ!Box 7590 154.07.57",
                        upnp("urn:schemas-upnp-org:device:InternetGatewayDevice:2", "FRITZ!Box 7590", "AVM Berlin",
                                "FRITZ!Box 7590", "avm")));
        d.add(dev(prefix, 17, "94:f1:28:4a:17:08", "access-sw-2.lab", "HPE Aruba 2530 switch", "switch", "Hewlett Packard Enterprise")
                .greet(22, "SSH-2.0-Mocana SSH 6.3")
                .http(80, "eHTTP v2.0", "HPE 2530-24G-PoEP Switch")
                .snmp("HP J9773A 2530-24G-PoEP Switch, revision YA.16.10.0003, ROM YA.15.20 (/ws/swbuildm/"
                        + "rel_ukiah_qaoff/code/build/lakes(swbuildm_rel_ukiah_qaoff_rel_ukiah))",
                        ".1.3.6.1.4.1.11.2.3.7.11.154", "access-sw-2"));
        d.add(dev(prefix, 18, "00:05:85:4a:18:09", null, "Juniper SRX firewall", "firewall", "Juniper")
                .greet(22, "SSH-2.0-OpenSSH_7.5")
                .https(443, "/CN=system generated/O=Juniper Networks", null, "Juniper Web Device Manager"));
        d.add(dev(prefix, 19, "28:80:88:4a:19:0a", null, "Netgear smart switch", "switch", "Netgear")
                .http(80, null, "NETGEAR GS308E"));
        // ---- servers by role
        d.add(dev(prefix, 20, "00:25:90:4a:20:0b", "web-01.lab", "nginx web server (unusual port)", "web_server",
                "Super Micro Computer")
                .greet(22, "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5")
                .http(18081, "nginx/1.24.0 (Ubuntu)", "Welcome to nginx!")
                .https(443, "/CN=www.lab.example", "nginx/1.24.0 (Ubuntu)", "Lab Intranet"));
        d.add(dev(prefix, 21, "00:50:56:4a:21:0c", "db-01.lab", "MariaDB database server", "database_server",
                "VMware")
                .greet(22, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3")
                .mysql(3306, "5.5.5-10.11.6-MariaDB-0+deb12u1"));
        d.add(dev(prefix, 22, "52:54:00:4a:22:0d", "pg-01.lab", "PostgreSQL server (KVM guest)", "database_server",
                null)
                .greet(22, "SSH-2.0-OpenSSH_8.7")
                .replyHex(5432, "4e"));
        d.add(dev(prefix, 23, "00:16:3e:4a:23:0e", "mail.lab", "Postfix and Dovecot mail server", "mail_server",
                "Xensource")
                .greet(22, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3")
                .greet(25, "220 mail.lab ESMTP Postfix (Debian/GNU)")
                .greet(110, "+OK Dovecot (Debian) ready.")
                .greet(143, "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS"
                        + " AUTH=PLAIN] Dovecot (Debian) ready.")
                .greet(587, "220 mail.lab ESMTP Postfix (Debian/GNU)"));
        d.add(dev(prefix, 24, "14:fe:b5:4a:24:0f", "dc01.corp.lab", "Windows domain controller", "directory_server",
                "Dell")
                .silent(53, 88, 135, 139, 389, 445, 3268)
                .tls(636, "/CN=dc01.corp.lab")
                .rdp()
                .netbios("DC01", 0x00, false, "CORP", 0x00, true, "CORP", 0x1c, true, "DC01", 0x20, false,
                        "CORP", 0x1b, false));
        d.add(dev(prefix, 25, "00:15:5d:4a:25:10", "fs01.corp.lab", "Windows file server (Hyper-V guest)",
                "file_server", "Microsoft")
                .greet(21, "220 Microsoft FTP Service")
                .silent(135, 139, 445)
                .rdp()
                .netbios("FS01", 0x00, false, "CORP", 0x00, true, "FS01", 0x20, false));
        d.add(dev(prefix, 26, "54:bf:64:4a:26:11", "esx-01.lab", "VMware ESXi host", "hypervisor", "Dell")
                .greet(22, "SSH-2.0-OpenSSH_9.3")
                .redirect(80, null, "https://" + prefix + "26/")
                .https(443, "/C=US/ST=California/L=Palo Alto/O=VMware, Inc./OU=VMware ESX Server Default Certificate"
                        + "/CN=esx-01.lab", null, "VMware Host Client")
                .greet(902, "220 VMware Authentication Daemon Version 1.10: SSL Required, ServerDaemonProtocol:SOAP,"
                        + " MKSDisplayProtocol:VNC , , NFCSSL supported/t"));
        d.add(dev(prefix, 27, "0c:c4:7a:4a:27:12", "pve1.lab", "Proxmox VE node", "hypervisor",
                "Super Micro Computer")
                .greet(22, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3")
                .https(8006, "/OU=PVE Cluster Node/O=Proxmox Virtual Environment/CN=pve1.lab", "pve-api-daemon/3.0",
                        "pve1 - Proxmox Virtual Environment"));
        d.add(dev(prefix, 28, "00:11:32:4a:28:13", "nas.lab", "Synology NAS", "nas", "Synology")
                .silent(139, 445)
                .http(5000, "nginx", "Synology DiskStation")
                .tls(5001, "/C=TW/L=Taipei/O=Synology Inc./CN=synology")
                .mdns("_http._tcp.local.", "nas", 5000, "vendor", "Synology", "model", "DS920+",
                        "serial", "2010QRN123456", "version_major", "7")
                .netbios("NAS", 0x00, false, "WORKGROUP", 0x00, true, "NAS", 0x20, false)
                .ssdp(5000, "/description.xml", "Synology/DSM/" + prefix + "28",
                        upnp("urn:schemas-upnp-org:device:Basic:1", "nas (DS920+)", "Synology", "DS920+", "DS920+")));
        d.add(dev(prefix, 29, "24:5e:be:4a:29:14", null, "QNAP NAS", "nas", "QNAP")
                .greet(21, "220 NASFTPD Turbo station 1.3.6e Server (ProFTPD)")
                .silent(139, 445)
                .http(8080, "http server 1.0", "QTS"));
        d.add(dev(prefix, 30, "94:40:c9:4a:30:15", "ilo-db01.lab", "HPE iLO 5", "server", "Hewlett Packard Enterprise")
                .redirect(80, "HPE-iLO-Server/1.30", "https://" + prefix + "30/")
                .https(443, "/C=US/ST=Texas/L=Houston/O=Hewlett Packard Enterprise/OU=ISS/CN=ILOCZJ92801AB",
                        "HPE-iLO-Server/1.30", "iLO 5"));
        d.add(dev(prefix, 31, "f8:b1:56:4a:31:16", null, "Dell iDRAC 9", "server", "Dell")
                .https(443, "/C=US/ST=Texas/L=Round Rock/O=Dell Inc./OU=Remote Access Group/CN=idrac-7XK2LM3",
                        "Apache", "iDRAC9"));
        d.add(dev(prefix, 32, "00:50:56:4a:32:17", "app-02.lab", "Tomcat application server (SSH on 2222)",
                "application_server", "VMware")
                .greet(2222, "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6")
                .http(8080, null, "Apache Tomcat/9.0.82"));
        // ---- workstations, laptops, phones
        d.add(dev(prefix, 33, "da:a1:19:4b:7e:21", null, "Windows laptop, randomised MAC", "laptop", null)
                .silent(135, 139, 445)
                .netbios("LAPTOP-4F2K9Q1B", 0x00, false, "WORKGROUP", 0x00, true, "LAPTOP-4F2K9Q1B", 0x20, false));
        d.add(dev(prefix, 34, "a6:3b:1c:22:90:4e", null, "iPhone, randomised MAC", "phone", null)
                .silent(62078)
                .mdns("_companion-link._tcp.local.", "Ayşe's iPhone", 49153, "rpVr", "510.2", "rpFl", "0x20000"));
        d.add(dev(prefix, 35, "14:cb:19:4a:35:18", null, "HP EliteDesk workstation", "workstation", "HP")
                .silent(135, 139, 445)
                .rdp()
                .netbios("DESKTOP-9QF3K2L", 0x00, false, "WORKGROUP", 0x00, true, "DESKTOP-9QF3K2L", 0x20, false));
        d.add(dev(prefix, 36, "00:1a:a0:4a:36:19", "pc-finance-07.corp.lab", "Dell OptiPlex desktop", "workstation",
                "Dell")
                .silent(135, 139, 445)
                .netbios("PC-FINANCE-07", 0x00, false, "CORP", 0x00, true));
        d.add(dev(prefix, 37, "f0:18:98:4a:37:1a", null, "MacBook Pro", "laptop", "Apple")
                .greet(22, "SSH-2.0-OpenSSH_9.7")
                .http(7000, "AirTunes/775.3.1", null)
                .mdns("_device-info._tcp.local.", "Okan's MacBook Pro", 0, "model", "MacBookPro18,3")
                .mdns("_companion-link._tcp.local.", "Okan's MacBook Pro", 49152, "rpVr", "510.2")
                .mdns("_airplay._tcp.local.", "Okan's MacBook Pro", 7000, "model", "MacBookPro18,3",
                        "srcvers", "775.3.1"));
        d.add(dev(prefix, 38, "e8:6a:64:4a:38:1b", "Galaxy-S23.lab", "Samsung Galaxy phone", "phone", "Samsung"));
        d.add(dev(prefix, 39, "00:13:20:4a:39:1c", "dev-box.lab", "Ubuntu desktop", "workstation", "Intel")
                .greet(22, "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5")
                .mdns("_workstation._tcp.local.", "dev-box [00:13:20:4a:39:1c]", 9));
        // ---- printers
        d.add(dev(prefix, 40, "a4:5d:36:4a:40:1d", "NPI4A401D.lab", "HP LaserJet printer", "printer", "HP")
                .http(80, "HP HTTP Server; HP LaserJet Pro M404dn - W1A53A; Serial Number: PHBQC12345; Built: Wed"
                        + " Jun 21, 2023 08:45:30AM {002_2325A}", "HP LaserJet Pro M404dn")
                .tls(443, "/CN=NPI4A401D")
                .http(631, "HP HTTP Server; HP LaserJet Pro M404dn - W1A53A; Serial Number: PHBQC12345", null)
                .pjl("HP LaserJet Pro M404dn")
                .mdns("_ipp._tcp.local.", "HP LaserJet Pro M404dn (4A401D)", 631, "ty", "HP LaserJet Pro M404dn",
                        "product", "(HP LaserJet Pro M404dn)", "usb_MFG", "HP", "usb_MDL", "LaserJet Pro M404dn"));
        d.add(dev(prefix, 41, "00:1b:a9:4a:41:1e", null, "Brother laser printer", "printer", "Brother")
                .http(80, "debut/1.30", "Brother HL-L2350DW series")
                .silent(515)
                .pjl("Brother HL-L2350DW series:84U-F79:Ver.1.67"));
        d.add(dev(prefix, 42, "64:eb:8c:4a:42:1f", null, "Epson EcoTank printer", "printer", "Seiko Epson")
                .http(80, "EPSON_Linux UPnP/1.0 Epson UPnP SDK/1.0", "ET-2850 Series")
                .http(631, "EPSON_Linux UPnP/1.0 Epson UPnP SDK/1.0", null)
                .mdns("_ipp._tcp.local.", "EPSON ET-2850 Series", 631, "ty", "EPSON ET-2850 Series",
                        "usb_MFG", "EPSON", "usb_MDL", "ET-2850 Series"));
        d.add(dev(prefix, 43, "00:00:85:4a:43:20", null, "Canon imageCLASS MFP", "printer", "Canon")
                .http(80, "CANON HTTP Server", null)
                .pjl("Canon MF745C/746C"));
        // ---- cameras and recorders
        d.add(dev(prefix, 44, "a4:14:37:4a:44:21", "lobby-cam-01.lab", "Hikvision IP camera", "camera", "Hikvision")
                .http(80, "App-webs/", null)
                .rtsp(554, null)
                .silent(8000));
        d.add(dev(prefix, 45, "c0:56:e3:4a:45:22", null, "Hikvision NVR", "nvr", "Hikvision")
                .http(80, "DNVRS-Webs", null)
                .rtsp(554, null)
                .silent(8000));
        d.add(dev(prefix, 46, "00:40:8c:4a:46:23", null, "Axis network camera", "camera", "Axis")
                .realm(80, null, "AXIS_00408C4A4623")
                .rtsp(554, "GStreamer RTSP server")
                .mdns("_axis-video._tcp.local.", "AXIS P3245-LVE - 00408C4A4623", 80, "macaddress", "00408C4A4623"));
        d.add(dev(prefix, 47, "3c:ef:8c:4a:47:24", null, "Dahua IP camera (SDK on 37777)", "camera", "Dahua")
                .http(80, null, "WEB SERVICE")
                .rtsp(554, "Rtsp Server/3.0")
                .silent(37777));
        // ---- TVs, streamers, speakers
        d.add(dev(prefix, 48, "f4:f5:d8:4a:48:25", null, "Chromecast", "streamer", "Google")
                .path(8008, "/setup/eureka_info", "application/json", "{\"build_version\":\"1.56.281627\","
                        + "\"cast_build_revision\":\"1.56.281627\",\"name\":\"Living Room TV\",\"device_info\":"
                        + "{\"manufacturer\":\"Google Inc.\",\"model_name\":\"Chromecast\",\"product_name\":\"kenzo\"}}")
                .tls(8009, "/CN=FA8FCA4A4825")
                .mdns("_googlecast._tcp.local.", "Chromecast-7c1f3a4a4825", 8009, "md", "Chromecast",
                        "fn", "Living Room TV", "ve", "05", "ic", "/setup/icon.png"));
        d.add(dev(prefix, 49, "f4:f5:d8:4a:49:26", null, "Google Nest Mini", "speaker", "Google")
                .path(8008, "/setup/eureka_info", "application/json", "{\"name\":\"Kitchen speaker\",\"device_info\":"
                        + "{\"manufacturer\":\"Google Inc.\",\"model_name\":\"Google Nest Mini\"}}")
                .tls(8009, "/CN=FA8FCA4A4926")
                .mdns("_googlecast._tcp.local.", "Google-Nest-Mini-4a4926", 8009, "md", "Google Nest Mini",
                        "fn", "Kitchen speaker"));
        d.add(dev(prefix, 50, "00:0e:58:4a:50:27", null, "Sonos One", "speaker", "Sonos")
                .http(1400, "Linux UPnP/1.0 Sonos/70.3-35220 (ZPS18)", null)
                .tls(1443, "/CN=Sonos-000E584A5027")
                .ssdp(1400, "/xml/device_description.xml", "Linux UPnP/1.0 Sonos/70.3-35220 (ZPS18)",
                        upnp("urn:schemas-upnp-org:device:ZonePlayer:1", "Living Room - Sonos One", "Sonos, Inc.",
                                "Sonos One", "S18")));
        d.add(dev(prefix, 51, "08:05:81:4a:51:28", null, "Roku Ultra", "streamer", "Roku")
                .path(8060, "/query/device-info", "text/xml; charset=\"utf-8\"", "<?xml version=\"1.0\" encoding="
                        + "\"UTF-8\" ?>\n<device-info><udn>29780007-0000-1000-8000-080581</udn><vendor-name>Roku"
                        + "</vendor-name><model-name>Roku Ultra</model-name><model-number>4800X</model-number>"
                        + "<is-tv>false</is-tv><is-stick>false</is-stick><friendly-device-name>Bedroom Roku"
                        + "</friendly-device-name><software-version>12.5.0</software-version></device-info>\n")
                .http(8060, "Roku/12.5.0 UPnP/1.0 Roku/12.5.0", null));
        d.add(dev(prefix, 52, "a8:23:fe:4a:52:29", null, "LG webOS TV", "tv", "LG Electronics")
                .silent(3000)
                .tls(3001, "/CN=LG webOS TV")
                .ssdp(1780, "/dmr.xml", "WebOS/4.1.0 UPnP/1.0 webOS/1.0",
                        upnp("urn:schemas-upnp-org:device:MediaRenderer:1", "[LG] webOS TV OLED55C1PUB",
                                "LG Electronics", "OLED55C1PUB", "OLED55C1PUB")));
        d.add(dev(prefix, 53, "00:26:37:4a:53:2a", null, "Samsung smart TV", "tv", "Samsung")
                .path(8001, "/api/v2/", "application/json", "{\"device\":{\"FrameTVSupport\":\"false\",\"OS\":"
                        + "\"Tizen\",\"modelName\":\"QE55Q80TATXXU\",\"name\":\"[TV] Samsung Q80 Series (55)\","
                        + "\"type\":\"Samsung SmartTV\",\"wifiMac\":\"00:26:37:4a:53:2a\"},\"name\":\"[TV] Samsung"
                        + " Q80 Series (55)\",\"type\":\"Samsung SmartTV\",\"version\":\"2.0.25\"}")
                .tls(8002, "/CN=SmartViewSDK")
                .ssdp(9197, "/dmr", "SHP, UPnP/1.0, Samsung UPnP SDK/1.0",
                        upnp("urn:schemas-upnp-org:device:MediaRenderer:1", "[TV] Samsung Q80 Series (55)",
                                "Samsung Electronics", "QE55Q80TATXXU", "AllShare1.0"))
                .http(9197, "SHP, UPnP/1.0, Samsung UPnP SDK/1.0", null));
        d.add(dev(prefix, 54, "a8:60:b6:4a:54:2b", null, "Apple TV 4K", "streamer", "Apple")
                .http(7000, "AirTunes/775.3.1", null)
                .mdns("_airplay._tcp.local.", "Living Room", 7000, "model", "AppleTV11,1", "srcvers", "775.3.1")
                .mdns("_raop._tcp.local.", "A8601A4A542B@Living Room", 7000, "am", "AppleTV11,1"));
        // ---- smart home
        d.add(dev(prefix, 55, "08:3a:f2:4a:55:2c", "shellyplusplugs-083af24a552c", "Shelly Plus Plug S",
                "smart_plug", "Espressif")
                .http(80, null, "Shelly")
                .mdns("_shelly._tcp.local.", "shellyplusplugs-083af24a552c", 80, "gen", "2", "app", "PlusPlugS",
                        "ver", "1.0.8"));
        d.add(dev(prefix, 56, "ec:b5:fa:4a:56:2d", null, "Philips Hue bridge", "hub", "Philips Lighting")
                .tls(443, "/C=NL/O=Philips Hue/CN=ecb5fafffe4a562d")
                .ssdp(80, "/description.xml", "Hue/1.0 UPnP/1.0 IpBridge/1.56.0",
                        upnp("urn:schemas-upnp-org:device:Basic:1", "Hue Bridge (" + prefix + "56)", "Signify",
                                "Philips hue bridge 2015", "BSB002"))
                .http(80, "nginx", "hue personal wireless lighting")
                .mdns("_hue._tcp.local.", "Hue Bridge - 4A562D", 443, "bridgeid", "ecb5fafffe4a562d",
                        "modelid", "BSB002"));
        d.add(dev(prefix, 57, "50:c7:bf:4a:57:2e", "HS110.lab", "TP-Link Kasa smart plug", "smart_plug", "TP-Link")
                .silent(9999));
        d.add(dev(prefix, 58, "dc:a6:32:4a:58:2f", "homeassistant.lab", "Home Assistant hub", "hub",
                "Raspberry Pi")
                .greet(22222, "SSH-2.0-OpenSSH_9.3")
                .http(8123, "Python/3.11 aiohttp/3.8.5", "Home Assistant")
                .mdns("_home-assistant._tcp.local.", "Home", 8123, "version", "2023.10.1", "base_url",
                        "http://" + prefix + "58:8123"));
        d.add(dev(prefix, 59, "b8:27:eb:4a:59:30", "pihole.lab", "Pi-hole DNS server", "dns_server",
                "Raspberry Pi")
                .silent(53)
                .http(80, "lighttpd/1.4.59", "Pi-hole - pihole")
                .greet(12222, "SSH-2.0-OpenSSH_9.2p1 Raspbian-2+deb12u3"));
        // ---- VoIP, power, building
        d.add(dev(prefix, 60, "80:5e:0c:4a:60:31", null, "Yealink desk phone", "voip_phone", "Yealink")
                .http(80, null, "Yealink T46S Phone")
                .tls(443, "/CN=Yealink")
                .silent(5060));
        d.add(dev(prefix, 61, "00:04:f2:4a:61:32", null, "Polycom VVX phone", "voip_phone", "Polycom")
                .realm(80, "Polycom SoundPoint IP Telephone HTTPd", "PlcmSpIp")
                .silent(5060));
        d.add(dev(prefix, 62, "00:c0:b7:4a:62:33", null, "APC Smart-UPS network card", "ups", "American Power Conversion")
                .greet(21, "220 APC FTP server ready.")
                .http(80, null, "APC | Log On")
                .snmp("APC Web/SNMP Management Card (MB:v4.1.0 PF:v6.8.2 PN:apc_hw05_aos_682.bin AF1:v6.8.2"
                        + " AN1:apc_hw05_sumx_682.bin MN:AP9631 HR:05 SN: 5A1234E12345 MD:03/04/2019)",
                        ".1.3.6.1.4.1.318.1.3.7", "ups-b2"));
        d.add(dev(prefix, 63, "00:01:f0:4a:63:34", null, "Tridium Niagara building controller",
                "building_controller", "Tridium")
                .redirect(80, "Niagara Web Server/4.10.1.36", "/prelogin")
                .silent(1911)
                .tls(4911, "/CN=Niagara4/O=Tridium"));
        return d;
    }

    private static Device dev(String prefix, int octet, String mac, String hostname, String kind, String type,
                              String vendor) {
        Device d = new Device(octet, mac, hostname, kind, type, vendor);
        d.ip = prefix + octet;
        return d;
    }
}
