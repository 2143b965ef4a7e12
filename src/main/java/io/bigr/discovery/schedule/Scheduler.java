package io.bigr.discovery.schedule;

import io.bigr.discovery.db.ScheduleStateDao;
import io.dropwizard.lifecycle.Managed;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scheduled jobs (docs/DOMAIN.md §5.11, Appendix A #15): every {@code tick} each job is checked; a job whose last
 * start is at least its own interval ago is started, at most one run per job at a time, across every scheduler that
 * shares the database.
 *
 * <p>Invariant: a job is started only by the holder of its {@link JobLocks lock}, and only after reading its
 * {@code schedule_runs} row under that lock. The row says when it last started, so a job runs once per interval
 * however many servers tick; a row still {@code running} while we hold the lock was abandoned by a holder that died
 * (its session, and so its lock, is gone): that run is ended {@code interrupted} and the job is started again here.
 * The lock is held until the run has stored its result.
 *
 * <p>Shutdown ({@link #stop}) stops ticking, waits up to {@code shutdownGrace} for running jobs to store what they
 * found, then interrupts them; a run still going after that is ended {@code interrupted}.
 */
public final class Scheduler implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final ScheduleStateDao states;
    private final JobLocks locks;
    private final Supplier<List<Job>> jobs;
    private final Clock clock;
    private final String owner;
    private final Duration tick;
    private final Duration shutdownGrace;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private ScheduledExecutorService ticker;
    private volatile boolean stopping;
    private Duration firstTick = Duration.ZERO;

    private record Running(Job job, String runId, CompletableFuture<Void> done) {
    }

    public Scheduler(ScheduleStateDao states, JobLocks locks, Supplier<List<Job>> jobs, Clock clock, String owner,
                     Duration tick, Duration shutdownGrace) {
        this.states = states;
        this.locks = locks;
        this.jobs = jobs;
        this.clock = clock;
        this.owner = owner;
        this.tick = tick;
        this.shutdownGrace = shutdownGrace;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bigr-schedule-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** When {@link #start} first looks for due jobs (at once by default); returns this scheduler. */
    public Scheduler firstTickAfter(Duration delay) {
        this.firstTick = delay;
        return this;
    }

    /** {@code host:pid}, how a server is named in {@code schedule_runs.owner}. */
    public static String defaultOwner() {
        return hostName() + ":" + ProcessHandle.current().pid();
    }

    /**
     * This machine's name without a name-service lookup: {@code InetAddress.getLocalHost()} resolves the name to
     * addresses, which on a machine whose own name is not in its hosts file waits for DNS (seconds) while the
     * server starts. Linux keeps the name in {@code /proc/sys/kernel/hostname} (what {@code getLocalHost} starts
     * from); elsewhere the lookup remains.
     */
    static String hostName() {
        try {
            String name = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    @Override
    public void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bigr-schedule-tick");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("schedule tick failed: {}", e.toString());
            }
        }, firstTick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("scheduler {} started (tick {})", owner, tick);
    }

    /** Checks every job once; returns the completions of the runs it started. */
    public List<CompletableFuture<Void>> tick() {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        if (stopping) {
            return started;
        }
        for (Job job : jobs.get()) {
            if (!running.containsKey(job.key())) {
                tryStart(job).ifPresent(started::add);
            }
        }
        return started;
    }

    /** Keys of the jobs this scheduler is running now. */
    public List<String> runningJobs() {
        return List.copyOf(running.keySet());
    }

    private Optional<CompletableFuture<Void>> tryStart(Job job) {
        String key = job.key();
        JobLocks.Lock lock;
        try {
            lock = locks.tryLock(key).orElse(null);
        } catch (Exception e) {
            LOG.warn("cannot take the lock of {}: {}", key, e.toString());
            return Optional.empty();
        }
        if (lock == null) {
            return Optional.empty(); // another server runs it
        }
        try {
            Instant now = clock.instant();
            ScheduleStateDao.State state = states.find(key).orElse(null);
            boolean abandoned = state != null && "running".equals(state.status());
            if (abandoned) {
                LOG.warn("{}: run {} of {} was abandoned; taking over", key, state.runId(), state.owner());
                if (state.runId() != null) {
                    job.end(state.runId(), "interrupted");
                }
                states.finish(key, state.runId(), "interrupted", now, "abandoned by " + state.owner());
            }
            boolean due = state == null || abandoned || state.lastStarted() == null
                    || !state.lastStarted().plus(job.interval()).isAfter(now);
            if (!due) {
                lock.close();
                return Optional.empty();
            }
            String runId = job.begin();
            states.start(key, runId, owner, now);
            CompletableFuture<Void> done = new CompletableFuture<>();
            running.put(key, new Running(job, runId, done));
            workers.execute(() -> execute(job, runId, lock, done));
            return Optional.of(done);
        } catch (RuntimeException e) {
            lock.close();
            LOG.warn("cannot start {}: {}", key, e.toString());
            return Optional.empty();
        }
    }

    private void execute(Job job, String runId, JobLocks.Lock lock, CompletableFuture<Void> done) {
        String key = job.key();
        String status;
        String message;
        try {
            message = job.run(runId, lock::held);
            status = "completed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = "interrupted";
            message = "stopped by shutdown";
        } catch (Exception e) {
            status = Thread.currentThread().isInterrupted() ? "interrupted" : "failed";
            message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
        }
        try {
            if (!"completed".equals(status)) {
                job.end(runId, status);
            }
            int rows = states.finish(key, runId, status, clock.instant(), message);
            LOG.info("{}: run {} {}{} ({})", key, runId, status, rows == 0 ? " after being taken over" : "", message);
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot record the end of run {}: {}", key, runId, e.toString());
        } finally {
            running.remove(key);
            lock.close();
            done.complete(null);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        workers.shutdown();
        if (!workers.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("scheduler: {} run(s) still going after {}; interrupting", running.size(), shutdownGrace);
            workers.shutdownNow();
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                for (Running r : running.values()) {
                    r.job().end(r.runId(), "interrupted");
                    states.finish(r.job().key(), r.runId(), "interrupted", clock.instant(),
                            "did not stop within the shutdown grace period");
                }
            }
        }
        LOG.info("scheduler {} stopped", owner);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
