package io.bigr.discovery.mdns;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import javax.jmdns.impl.JmDNSImpl;

/**
 * A test responder, run by {@link MdnsLab} as a separate JVM inside the test's network namespace:
 * {@code ADDRESS HOSTNAME TYPE NAME PORT [key=value...]}. Registers the service, prints READY, and keeps answering
 * until its stdin closes.
 */
public final class MdnsResponderMain {
    private MdnsResponderMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 5; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            props.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        try (JmDNS dns = JmDNS.create(InetAddress.getByName(args[0]), args[1])) {
            dns.registerService(ServiceInfo.create(args[2], args[3], Integer.parseInt(args[4]), 0, 0, props));
            // A device on a network has long finished announcing when a scan asks; until then JmDNS does not
            // answer queries. Bounded: at most 10 s.
            for (int i = 0; i < 200 && dns instanceof JmDNSImpl impl && !impl.isAnnounced(); i++) {
                Thread.sleep(50);
            }
            System.out.println("READY");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the test closes our stdin
            }
        }
    }
}
