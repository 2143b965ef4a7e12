package io.bigr.discovery.mdns;

import inet.ipaddr.IPAddress;
import io.bigr.discovery.core.IpAddresses;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mDNS alongside a scan (docs/DOMAIN.md §5.2 phase 1 and 3): browsing (the PTR queries for every service type)
 * starts with the scan, on the local interfaces whose network overlaps the target only, and its result is taken
 * when the scan is done: asking for it ends the listening {@code grace} later, or sooner once every announced
 * instance has resolved, never after the listen time ({@link MdnsCollector.Window}). A target no local interface
 * faces gets no mDNS and costs no time. Failures give an empty list.
 */
public final class MdnsScan {
    private static final Logger LOG = LoggerFactory.getLogger(MdnsScan.class);

    private final CompletableFuture<List<MdnsService>> result;
    private final Duration listen;
    private final MdnsCollector.Window window;

    private MdnsScan(CompletableFuture<List<MdnsService>> result, Duration listen, MdnsCollector.Window window) {
        this.result = result;
        this.listen = listen;
        this.window = window;
    }

    /** Starts browsing for {@code target} (a CIDR or IP) in the background, listening the whole window. */
    public static MdnsScan start(String target, Duration listen) {
        return start(target, listen, listen);
    }

    /**
     * Starts browsing for {@code target} (a CIDR or IP) in the background; once {@link #services} is asked, it
     * listens {@code grace} more at most (and never beyond {@code listen}).
     */
    public static MdnsScan start(String target, Duration listen, Duration grace) {
        Optional<IPAddress> net = IpAddresses.network(target);
        if (net.isEmpty() || listen.isZero() || listen.isNegative()) {
            return none();
        }
        List<InetAddress> facing = MdnsCollector.interfacesFacing(a -> overlaps(net.get(), a));
        if (facing.isEmpty()) {
            return none();
        }
        CompletableFuture<List<MdnsService>> f = new CompletableFuture<>();
        MdnsCollector.Window window = new MdnsCollector.Window(listen, grace);
        Thread t = new Thread(() -> {
            try {
                f.complete(MdnsCollector.browse(facing, window));
            } catch (InterruptedException e) {
                f.complete(List.of());
            } catch (RuntimeException e) {
                LOG.warn("mDNS failed: {}", e.toString());
                f.complete(List.of());
            }
        }, "bigr-mdns");
        t.setDaemon(true);
        t.start();
        return new MdnsScan(f, listen, window);
    }

    public static MdnsScan none() {
        return new MdnsScan(CompletableFuture.completedFuture(List.of()), Duration.ZERO, null);
    }

    /** The probes are done: the listening ends its grace from now (or sooner when all is quiet); never blocks. */
    public void probesDone() {
        if (window != null) {
            window.finish();
        }
    }

    /**
     * The services found: ends the listening (the grace, or sooner when all is quiet), then waits for it, at most
     * the listen time plus 5 s.
     */
    public List<MdnsService> services() {
        if (window != null) {
            window.finish();
        }
        try {
            return result.get(listen.toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            LOG.warn("mDNS result not available: {}", e.toString());
            return List.of();
        }
    }

    /** True when the interface address's network and {@code target} overlap (either contains the other). */
    public static boolean overlaps(IPAddress target, InterfaceAddress a) {
        Optional<IPAddress> local = IpAddresses.network(a.getAddress().getHostAddress().replaceFirst("%.*", "") + "/" + a.getNetworkPrefixLength());
        return local.isPresent() && (local.get().contains(target) || target.contains(local.get()));
    }
}
