package org.tidemq.broker.persist;

/**
 * Runs a task periodically. Background services take one so tests can drive the ticks by hand instead of sleeping.
 *
 * <p>Contract: runs of one task never overlap; a task that throws is still run at later ticks.
 */
@FunctionalInterface
public interface PeriodicScheduler {

    /** A scheduled task; {@link #cancel()} stops future runs (a run under way completes). */
    interface ScheduledTask {
        void cancel();
    }

    ScheduledTask scheduleAtFixedRate(Runnable task, long initialDelayMs, long periodMs);
}
