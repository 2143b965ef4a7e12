package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.core.IpAddresses;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.schedule.Intervals;
import io.bigr.discovery.schedule.Jobs;
import io.bigr.discovery.schedule.ScheduleFactory;
import io.bigr.discovery.schedule.Scheduler;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code bigr watch [--interval 5m] [TARGET...] [config]}: the server's scheduler in the foreground, for a laptop
 * (docs/DOMAIN.md §5.11, Appendix A #15). Targets given here are rescanned every {@code --interval}, each on its own
 * schedule, together with whatever the config's {@code schedule:} section lists. Ctrl-C or SIGTERM stops it
 * cleanly: a scan in progress is given the shutdown grace period to store its result, else it is recorded as
 * interrupted. Uses the same locks as the server, so a watch and a server on one database never run a target twice.
 */
public class WatchCommand extends StoreCommand {
    static final String TARGETS = "targets";
    static final String INTERVAL = "interval";

    private final java.util.function.BiFunction<BigrConfiguration, Daos, Jobs.ScanRunner> scanners;

    public WatchCommand(java.util.function.BiFunction<BigrConfiguration, Daos, Jobs.ScanRunner> scanners) {
        super("watch", "Rescan targets on a schedule in the foreground (Ctrl-C to stop)");
        this.scanners = scanners;
    }

    @Override
    protected boolean fileOnThisParser() {
        return false;
    }

    @Override
    protected void arguments(Subparser subparser) {
        subparser.addArgument("-i", "--interval").dest(INTERVAL).setDefault("5m")
                .help("interval for the targets given here: 30s, 5m, 2h (default 5m)");
        subparser.addArgument(TARGETS).nargs("*").metavar("TARGET")
                .help("CIDR or IP to rescan; a trailing .yml/.yaml argument is the config file");
    }

    /** A trailing YAML file among the positionals is the config file (argparse cannot tell the two apart). */
    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        List<String> targets = new ArrayList<>(namespace.<String>getList(TARGETS) == null ? List.of()
                : namespace.<String>getList(TARGETS));
        if (!targets.isEmpty()) {
            String last = targets.get(targets.size() - 1);
            if (last.endsWith(".yml") || last.endsWith(".yaml")) {
                namespace.getAttrs().put("file", last);
                targets.remove(targets.size() - 1);
                namespace.getAttrs().put(TARGETS, targets);
            }
        }
        super.run(bootstrap, namespace);
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out)
            throws Exception {
        String interval = ns.getString(INTERVAL);
        try {
            if (Intervals.parse(interval).isZero()) {
                throw CliException.badInput("--interval must be greater than 0s");
            }
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(e.getMessage());
        }
        ScheduleFactory schedule = config.getSchedule();
        List<ScheduleFactory.Target> targets = new ArrayList<>(schedule.getTargets());
        for (String t : ns.<String>getList(TARGETS)) {
            if (IpAddresses.network(t).isEmpty()) {
                throw CliException.badInput("Invalid target '" + t + "' (expected a CIDR such as 192.168.1.0/24 or an IP)");
            }
            ScheduleFactory.Target target = new ScheduleFactory.Target();
            target.setSubnet(t);
            target.setInterval(interval);
            targets.add(target);
        }
        schedule.setTargets(targets);
        if (targets.isEmpty() && schedule.getRegisteredSubnets() == null && schedule.getSwitchPoll() == null
                && schedule.getCertificateRecheck() == null) {
            throw CliException.usage("nothing to watch: give a TARGET or configure schedule: in the config file");
        }
        Scheduler scheduler;
        try {
            scheduler = schedule.build(daos, config.getDatabase(), scanners.apply(config, daos), config.getSnmp());
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                scheduler.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped.countDown();
            }
        }, "bigr-watch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Watching " + schedule.scheduledTargets().size() + " target(s)"
                + (schedule.getRegisteredSubnets() == null ? "" : " and every registered subnet")
                + "; Ctrl-C to stop");
        out.flush();
        scheduler.start();
        // The JVM exits on SIGTERM/SIGINT after the hook has stopped the scheduler; until then this thread waits.
        stopped.await();
    }
}
