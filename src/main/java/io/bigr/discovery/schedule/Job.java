package io.bigr.discovery.schedule;

import java.time.Duration;

/**
 * One scheduled piece of work: a subnet rescan, a switch poll, a certificate recheck. A job is begun (which may
 * create a visible run, e.g. a scan row with status {@code running}), run, and then either finished by
 * {@link #run} itself or ended with {@link #end} as {@code failed} or {@code interrupted}.
 */
public interface Job {
    /** Stable identity across servers, e.g. {@code scan:10.0.0.0/24}. */
    String key();

    Duration interval();

    /** Registers the run; returns its id (the scan id for scans). */
    String begin();

    /**
     * Does the work and records its result. Implementations check {@code stillOwner} before storing, so a server
     * that lost its lock (its database session dropped) does not write over the run that replaced it.
     */
    String run(String runId, java.util.function.BooleanSupplier stillOwner) throws Exception;

    /** Ends a run that did not complete (status {@code failed} or {@code interrupted}). */
    void end(String runId, String status);
}
