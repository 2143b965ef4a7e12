package io.bigr.discovery.schedule;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bigr.discovery.core.IpAddresses;
import io.bigr.discovery.core.Subnet;
import io.bigr.discovery.db.BigrDataSourceFactory;
import io.bigr.discovery.db.Daos;
import io.bigr.discovery.snmp.SnmpFactory;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code schedule:} in the configuration (docs/DOMAIN.md §5.11, continuous monitoring). Intervals use the §5.11 syntax
 * ({@code 30s}, {@code 5m}, {@code 2h}); a bad one fails start-up naming the field.
 * <pre>
 * schedule:
 *   enabled: true
 *   targets:                       # subnets rescanned on their own interval
 *     - subnet: 192.168.1.0/24
 *       interval: 5m
 *       label: Ana LAN
 *   registeredSubnets: 1h          # also rescan every registered subnet (bigr subnets add) this often; absent = no
 *   switchPoll: 15m                # poll all registered switches; absent = no
 *   certificateRecheck: 24h        # re-check TLS certificates of the inventory; absent = no
 *   tick: 15s                      # how often due jobs are looked for
 *   shutdownGrace: 30s             # how long shutdown waits for a running scan to store its result
 * </pre>
 */
public class ScheduleFactory {
    private boolean enabled;
    @Valid
    private List<Target> targets = new ArrayList<>();
    private String registeredSubnets;
    private String switchPoll;
    private String certificateRecheck;
    private String tick = "15s";
    private String shutdownGrace = "30s";

    /** One scheduled subnet. */
    public static class Target {
        private String subnet;
        private String interval = "5m";
        private String label = "";

        @JsonProperty
        public String getSubnet() {
            return subnet;
        }

        @JsonProperty
        public void setSubnet(String subnet) {
            this.subnet = subnet;
        }

        @JsonProperty
        public String getInterval() {
            return interval;
        }

        @JsonProperty
        public void setInterval(String interval) {
            this.interval = interval;
        }

        @JsonProperty
        public String getLabel() {
            return label;
        }

        @JsonProperty
        public void setLabel(String label) {
            this.label = label;
        }
    }

    /** A target and its interval, validated. */
    public record Scheduled(String target, Duration interval) {
    }

    /**
     * The configured targets, validated: entries without a subnet are ignored (§5.11); a bad subnet or interval is
     * an error naming {@code schedule.targets[i]}.
     */
    public List<Scheduled> scheduledTargets() {
        List<Scheduled> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            if (t == null || t.subnet == null || t.subnet.isBlank()) {
                continue;
            }
            String field = "schedule.targets[" + i + "]";
            if (IpAddresses.network(t.subnet.trim()).isEmpty()) {
                throw new IllegalArgumentException(field + ".subnet: invalid network '" + t.subnet + "'");
            }
            out.add(new Scheduled(t.subnet.trim(), interval(field + ".interval", t.interval)));
        }
        return out;
    }

    static Duration interval(String field, String text) {
        try {
            Duration d = Intervals.parse(text);
            if (d.isZero()) {
                throw new IllegalArgumentException("must be greater than 0s");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }

    private static Duration optional(String field, String text) {
        return text == null || text.isBlank() ? null : interval(field, text);
    }

    /** Checks every field now, so a bad config fails at start-up rather than at the first tick. */
    public void validate() {
        scheduledTargets();
        optional("schedule.registeredSubnets", registeredSubnets);
        optional("schedule.switchPoll", switchPoll);
        optional("schedule.certificateRecheck", certificateRecheck);
        interval("schedule.tick", tick);
        Intervals.parse(shutdownGrace);
    }

    /**
     * The jobs, recomputed at every tick: configured targets, then (when enabled) every registered subnet not already
     * configured, the switch poll and the certificate recheck.
     */
    public Supplier<List<Job>> jobs(Daos daos, Jobs.ScanRunner scanner, SnmpFactory snmp) {
        List<Scheduled> fixed = scheduledTargets();
        Duration registered = optional("schedule.registeredSubnets", registeredSubnets);
        Duration switches = optional("schedule.switchPoll", switchPoll);
        Duration certs = optional("schedule.certificateRecheck", certificateRecheck);
        return () -> {
            List<Job> jobs = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (Scheduled s : fixed) {
                if (seen.add(s.target())) {
                    jobs.add(new Jobs.SubnetScan(s.target(), s.interval(), daos.store(), daos.scans(), scanner));
                }
            }
            if (registered != null) {
                for (Subnet subnet : daos.subnets().all()) {
                    if (seen.add(subnet.cidr())) {
                        jobs.add(new Jobs.SubnetScan(subnet.cidr(), registered, daos.store(), daos.scans(), scanner));
                    }
                }
            }
            if (switches != null) {
                jobs.add(new Jobs.SwitchPoll(switches, () -> snmp.poller(daos.switches(), daos.switchEvidence())));
            }
            if (certs != null) {
                jobs.add(new Jobs.CertificateRecheck(certs, daos.assets(), daos.snapshots(), daos.certificates()));
            }
            return jobs;
        };
    }

    /** The scheduler {@code bigr watch} runs: the configured jobs, looked for at once. */
    public Scheduler build(Daos daos, BigrDataSourceFactory database, Jobs.ScanRunner scanner, SnmpFactory snmp) {
        return build(daos, database, scanner, snmp, true, List.of()).firstTickAfter(Duration.ZERO);
    }

    /**
     * The scheduler a server runs: the configured jobs when {@code configured} (the schedule is enabled), plus
     * house-keeping jobs that run whether or not scans are scheduled (the snapshot prune, docs/DOMAIN.md §3.16).
     * Its first look for due jobs comes one tick after the start, not during it: the server answers first.
     */
    public Scheduler build(Daos daos, BigrDataSourceFactory database, Jobs.ScanRunner scanner, SnmpFactory snmp,
                           boolean configured, List<Job> housekeeping) {
        validate();
        Supplier<List<Job>> scheduled = configured ? jobs(daos, scanner, snmp) : List::of;
        Supplier<List<Job>> all = housekeeping.isEmpty() ? scheduled : () -> {
            List<Job> jobs = new ArrayList<>(scheduled.get());
            jobs.addAll(housekeeping);
            return jobs;
        };
        Duration every = Intervals.parse(tick);
        return new Scheduler(daos.schedules(), JobLocks.forDatabase(database), all, Clock.systemUTC(),
                Scheduler.defaultOwner(), every, Intervals.parse(shutdownGrace)).firstTickAfter(every);
    }

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public List<Target> getTargets() {
        return targets;
    }

    @JsonProperty
    public void setTargets(List<Target> targets) {
        this.targets = targets == null ? new ArrayList<>() : targets;
    }

    @JsonProperty
    public String getRegisteredSubnets() {
        return registeredSubnets;
    }

    @JsonProperty
    public void setRegisteredSubnets(String registeredSubnets) {
        this.registeredSubnets = registeredSubnets;
    }

    @JsonProperty
    public String getSwitchPoll() {
        return switchPoll;
    }

    @JsonProperty
    public void setSwitchPoll(String switchPoll) {
        this.switchPoll = switchPoll;
    }

    @JsonProperty
    public String getCertificateRecheck() {
        return certificateRecheck;
    }

    @JsonProperty
    public void setCertificateRecheck(String certificateRecheck) {
        this.certificateRecheck = certificateRecheck;
    }

    @JsonProperty
    public String getTick() {
        return tick;
    }

    @JsonProperty
    public void setTick(String tick) {
        this.tick = tick;
    }

    @JsonProperty
    public String getShutdownGrace() {
        return shutdownGrace;
    }

    @JsonProperty
    public void setShutdownGrace(String shutdownGrace) {
        this.shutdownGrace = shutdownGrace;
    }
}
