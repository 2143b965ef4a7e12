package io.bigr.discovery.db;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code schedule_runs}: the last run of each scheduled job. Written only by the holder of that job's lock, so a
 * read under the lock is the truth: {@code running} there means the previous holder is gone (its run was
 * abandoned).
 */
public interface ScheduleStateDao {
    /** The state of one job. */
    record State(String jobKey, String runId, String status, String owner, Instant lastStarted, Instant lastFinished,
                 String message) {
    }

    @SqlQuery("SELECT job_key, run_id, status, owner, last_started, last_finished, message FROM schedule_runs"
            + " WHERE job_key = :jobKey")
    @RegisterConstructorMapper(State.class)
    Optional<State> find(String jobKey);

    @SqlQuery("SELECT job_key, run_id, status, owner, last_started, last_finished, message FROM schedule_runs"
            + " ORDER BY job_key")
    @RegisterConstructorMapper(State.class)
    java.util.List<State> all();

    @SqlUpdate("""
            INSERT INTO schedule_runs (job_key, run_id, status, owner, last_started, last_finished, message)
            VALUES (:jobKey, :runId, 'running', :owner, :startedAt, NULL, NULL)
            ON CONFLICT (job_key) DO UPDATE SET run_id = excluded.run_id, status = 'running', owner = excluded.owner,
                   last_started = excluded.last_started, last_finished = NULL, message = NULL""")
    void start(String jobKey, String runId, String owner, Instant startedAt);

    /** Ends a run; only the run that is still the job's current one (a run taken over by another server is not). */
    @SqlUpdate("""
            UPDATE schedule_runs SET status = :status, last_finished = :finishedAt, message = :message
            WHERE job_key = :jobKey AND run_id = :runId""")
    int finish(String jobKey, String runId, String status, Instant finishedAt, String message);
}
