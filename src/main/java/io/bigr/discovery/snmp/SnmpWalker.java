package io.bigr.discovery.snmp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.GenericAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.util.DefaultPDUFactory;
import org.snmp4j.util.TreeEvent;
import org.snmp4j.util.TreeUtils;

/**
 * Reads the forwarding-related tables of one switch with SNMP4J (v2c, or v3 authPriv) into a
 * {@link ForwardingTable.Raw}. Each call uses its own SNMP session and USM (no SNMP4J global state), so
 * concurrent polls with different v3 users do not interfere.
 *
 * <p>Bounded: every request has {@link Settings#timeout()} and {@link Settings#retries()}, and each walk stops after
 * {@link Settings#maxRows()} rows. The forwarding tables are required (an agent without both is an error); the
 * port-name and LLDP tables are optional.
 */
public final class SnmpWalker {
    static final OID DOT1D_TP_FDB_PORT = new OID("1.3.6.1.2.1.17.4.3.1.2");
    static final OID DOT1D_TP_FDB_STATUS = new OID("1.3.6.1.2.1.17.4.3.1.3");
    static final OID DOT1Q_TP_FDB_PORT = new OID("1.3.6.1.2.1.17.7.1.2.2.1.2");
    static final OID DOT1Q_TP_FDB_STATUS = new OID("1.3.6.1.2.1.17.7.1.2.2.1.3");
    static final OID DOT1D_BASE_PORT_IF_INDEX = new OID("1.3.6.1.2.1.17.1.4.1.2");
    static final OID IF_NAME = new OID("1.3.6.1.2.1.31.1.1.1.1");
    static final OID IF_DESCR = new OID("1.3.6.1.2.1.2.2.1.2");
    /** lldpRemChassisId and lldpRemSysName: index = timeMark . localPortNum . remIndex. */
    static final OID LLDP_REM_CHASSIS_ID = new OID("1.0.8802.1.1.2.1.4.1.1.5");
    static final OID LLDP_REM_SYS_NAME = new OID("1.0.8802.1.1.2.1.4.1.1.9");

    /** Where and how patiently to ask. {@code port} is the agent's UDP port (161 on real switches). */
    public record Settings(int port, Duration timeout, int retries, int maxRows) {
        public static final Settings DEFAULTS = new Settings(161, Duration.ofSeconds(2), 1, 200_000);
    }

    private final Settings settings;

    public SnmpWalker(Settings settings) {
        this.settings = settings;
    }

    /** Walks one switch. */
    public ForwardingTable.Raw read(SwitchConfig sw) throws IOException, SnmpException {
        USM usm = new USM(protocols(), new OctetString(MPv3.createLocalEngineID()), 0);
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(usm));
        try (Snmp snmp = new Snmp(dispatcher, new DefaultUdpTransportMapping())) {
            Target<UdpAddress> target = target(sw, usm);
            snmp.listen();
            TreeUtils tree = new TreeUtils(snmp, new DefaultPDUFactory(PDU.GETBULK));
            tree.setMaxRepetitions(25);

            // The forwarding table first: an agent that does not answer it fails fast (one timeout, not one per walk).
            Map<String, Integer> dot1dPorts = new LinkedHashMap<>();
            if (walk(tree, target, DOT1D_TP_FDB_PORT, false, (idx, v) -> {
                String mac = macOf(idx, 0);
                if (mac != null) {
                    dot1dPorts.put(mac, v.toInt());
                }
            }) < 0) {
                throw new SnmpException("no answer from " + sw.host() + " (timeout or wrong credentials)");
            }
            Map<String, Integer> dot1qPorts = new LinkedHashMap<>(); // key: vlan + "/" + mac
            walk(tree, target, DOT1Q_TP_FDB_PORT, true, (idx, v) -> {
                String mac = macOf(idx, 1);
                if (mac != null) {
                    dot1qPorts.put(idx.get(0) + "/" + mac, v.toInt());
                }
            });
            Map<String, Integer> status = new HashMap<>();
            if (!dot1dPorts.isEmpty()) {
                walk(tree, target, DOT1D_TP_FDB_STATUS, true, (idx, v) -> status.put("/" + macOf(idx, 0), v.toInt()));
            }
            if (!dot1qPorts.isEmpty()) {
                walk(tree, target, DOT1Q_TP_FDB_STATUS, true,
                        (idx, v) -> status.put(idx.get(0) + "/" + macOf(idx, 1), v.toInt()));
            }
            List<ForwardingTable.FdbEntry> entries = new ArrayList<>();
            dot1dPorts.forEach((mac, port) -> entries.add(new ForwardingTable.FdbEntry(mac, port, null,
                    status.get("/" + mac))));
            dot1qPorts.forEach((key, port) -> {
                int slash = key.indexOf('/');
                entries.add(new ForwardingTable.FdbEntry(key.substring(slash + 1), port,
                        Integer.parseInt(key.substring(0, slash)), status.get(key)));
            });
            Map<Integer, Integer> portIfIndex = new HashMap<>();
            walk(tree, target, DOT1D_BASE_PORT_IF_INDEX, true, (idx, v) -> portIfIndex.put(idx.get(0), v.toInt()));
            Map<Integer, String> ifName = new HashMap<>();
            walk(tree, target, IF_NAME, true, (idx, v) -> ifName.put(idx.get(0), v.toString()));
            Map<Integer, String> ifDescr = new HashMap<>();
            if (!portIfIndex.isEmpty() && !ifName.keySet().containsAll(portIfIndex.values())) {
                walk(tree, target, IF_DESCR, true, (idx, v) -> ifDescr.put(idx.get(0), v.toString()));
            }
            Map<Integer, String> lldp = new LinkedHashMap<>();
            walk(tree, target, LLDP_REM_CHASSIS_ID, true, (idx, v) -> {
                if (idx.size() >= 3) {
                    lldp.putIfAbsent(idx.get(1), "chassis " + v);
                }
            });
            walk(tree, target, LLDP_REM_SYS_NAME, true, (idx, v) -> {
                if (idx.size() >= 3 && !v.toString().isBlank()) {
                    lldp.put(idx.get(1), v.toString());
                }
            });
            return new ForwardingTable.Raw(entries, portIfIndex, ifName, ifDescr, lldp);
        }
    }

    static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1.0");
    static final OID SYS_OBJECT_ID = new OID("1.3.6.1.2.1.1.2.0");
    static final OID SYS_NAME = new OID("1.3.6.1.2.1.1.5.0");

    /** The system group of a device: {@code sysDescr}, {@code sysObjectID}, {@code sysName} (each null if absent). */
    public record SystemInfo(String sysDescr, String sysObjectId, String sysName) {
    }

    /** One GET of the system group (docs/DOMAIN.md §5.16); a read, nothing is set. */
    public SystemInfo system(SwitchConfig sw) throws IOException, SnmpException {
        USM usm = new USM(protocols(), new OctetString(MPv3.createLocalEngineID()), 0);
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addMessageProcessingModel(new MPv3(usm));
        try (Snmp snmp = new Snmp(dispatcher, new DefaultUdpTransportMapping())) {
            Target<UdpAddress> target = target(sw, usm);
            snmp.listen();
            PDU pdu = new DefaultPDUFactory(PDU.GET).createPDU(target);
            pdu.add(new VariableBinding(SYS_DESCR));
            pdu.add(new VariableBinding(SYS_OBJECT_ID));
            pdu.add(new VariableBinding(SYS_NAME));
            org.snmp4j.event.ResponseEvent<UdpAddress> e = snmp.send(pdu, target);
            PDU r = e == null ? null : e.getResponse();
            if (r == null || r.getErrorStatus() != PDU.noError) {
                throw new SnmpException("no answer from " + sw.host() + " (timeout or wrong credentials)");
            }
            String[] v = new String[3];
            for (VariableBinding vb : r.getVariableBindings()) {
                if (vb == null || vb.isException()) {
                    continue;
                }
                String text = vb.getVariable().toString().strip();
                if (text.isEmpty()) {
                    continue;
                }
                if (vb.getOid().equals(SYS_DESCR)) {
                    v[0] = text;
                } else if (vb.getOid().equals(SYS_OBJECT_ID)) {
                    v[1] = text;
                } else if (vb.getOid().equals(SYS_NAME)) {
                    v[2] = text;
                }
            }
            return new SystemInfo(v[0], v[1], v[2]);
        }
    }

    /** Index of a row (the OID after the column), as a list of ints. */
    private record Index(int[] parts) {
        int get(int i) {
            return parts[i];
        }

        int size() {
            return parts.length;
        }
    }

    /**
     * Walks {@code column}; returns the number of rows, or -1 when the agent did not answer at all. A table the
     * agent does not have is 0 rows. With {@code optional}, a failure after the request is treated as 0 rows.
     */
    private int walk(TreeUtils tree, Target<UdpAddress> target, OID column, boolean optional,
                     BiConsumer<Index, Variable> row) throws SnmpException {
        List<TreeEvent> events = tree.getSubtree(target, column);
        int rows = 0;
        for (TreeEvent e : events) {
            if (e == null) {
                continue;
            }
            if (e.isError()) {
                if (e.getStatus() == TreeEvent.STATUS_TIMEOUT) {
                    if (optional && rows > 0) {
                        return rows;
                    }
                    return -1;
                }
                if (optional) {
                    return rows;
                }
                throw new SnmpException("SNMP error while walking " + column + ": " + e.getErrorMessage());
            }
            VariableBinding[] vbs = e.getVariableBindings();
            if (vbs == null) {
                continue;
            }
            for (VariableBinding vb : vbs) {
                if (vb == null || vb.isException() || !vb.getOid().startsWith(column)) {
                    continue;
                }
                int[] all = vb.getOid().getValue();
                int[] idx = java.util.Arrays.copyOfRange(all, column.size(), all.length);
                row.accept(new Index(idx), vb.getVariable());
                if (++rows >= settings.maxRows()) {
                    return rows;
                }
            }
        }
        return rows;
    }

    /**
     * Six decimal OID components from {@code from} as a colon MAC (docs/DOMAIN.md §5.8), or null when there are not
     * six.
     */
    static String macOf(Index idx, int from) {
        if (idx.size() - from != 6) {
            return null;
        }
        StringBuilder sb = new StringBuilder(17);
        for (int i = from; i < from + 6; i++) {
            int octet = idx.get(i);
            if (octet < 0 || octet > 255) {
                return null;
            }
            if (i > from) {
                sb.append(':');
            }
            sb.append(String.format(java.util.Locale.ROOT, "%02x", octet));
        }
        return sb.toString();
    }

    private Target<UdpAddress> target(SwitchConfig sw, USM usm) throws SnmpException {
        UdpAddress address = (UdpAddress) GenericAddress.parse("udp:" + sw.host() + "/" + settings.port());
        if (address == null) {
            throw new SnmpException("cannot resolve switch host " + sw.host());
        }
        Target<UdpAddress> target;
        if (SwitchConfig.V3.equals(sw.version())) {
            OctetString name = new OctetString(sw.user());
            usm.addUser(name, new UsmUser(name, authOid(sw.authProtocol()), new OctetString(sw.authSecret()),
                    privOid(sw.privProtocol()), new OctetString(sw.privSecret())));
            UserTarget<UdpAddress> t = new UserTarget<>();
            t.setSecurityLevel(SecurityLevel.AUTH_PRIV);
            t.setSecurityName(name);
            t.setVersion(SnmpConstants.version3);
            target = t;
        } else {
            CommunityTarget<UdpAddress> t = new CommunityTarget<>();
            t.setCommunity(new OctetString(sw.community()));
            t.setVersion(SnmpConstants.version2c);
            target = t;
        }
        target.setAddress(address);
        target.setTimeout(settings.timeout().toMillis());
        target.setRetries(settings.retries());
        return target;
    }

    private static SecurityProtocols protocols() {
        SecurityProtocols p = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.maxCompatibility);
        // Old switches still speak MD5/DES; listed explicitly in case a protocol set leaves them out.
        p.addAuthenticationProtocol(new AuthMD5());
        p.addAuthenticationProtocol(new AuthSHA());
        p.addAuthenticationProtocol(new AuthHMAC192SHA256());
        p.addPrivacyProtocol(new PrivDES());
        p.addPrivacyProtocol(new PrivAES128());
        p.addPrivacyProtocol(new PrivAES256());
        return p;
    }

    static OID authOid(String protocol) {
        return switch (protocol) {
            case "MD5" -> AuthMD5.ID;
            case "SHA256" -> AuthHMAC192SHA256.ID;
            default -> AuthSHA.ID;
        };
    }

    static OID privOid(String protocol) {
        return switch (protocol) {
            case "DES" -> PrivDES.ID;
            case "AES256" -> PrivAES256.ID;
            default -> PrivAES128.ID;
        };
    }

    /** A switch that could not be read; the message names the switch, never a credential. */
    public static final class SnmpException extends Exception {
        private static final long serialVersionUID = 1L;

        public SnmpException(String message) {
            super(message, null, false, false);
        }
    }
}
