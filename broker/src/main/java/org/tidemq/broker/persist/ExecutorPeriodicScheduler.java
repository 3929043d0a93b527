package org.tidemq.broker.persist;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PeriodicScheduler} on one daemon thread of a {@link ScheduledExecutorService}. A task's exception is logged
 * and swallowed, because the executor would otherwise silently cancel all later runs.
 */
public final class ExecutorPeriodicScheduler implements PeriodicScheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorPeriodicScheduler.class);

    private final ScheduledExecutorService executor;

    public ExecutorPeriodicScheduler(String threadName) {
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public ScheduledTask scheduleAtFixedRate(Runnable task, long initialDelayMs, long periodMs) {
        ScheduledFuture<?> future = executor.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("periodic task failed; it runs again at the next tick", e);
            }
        }, initialDelayMs, periodMs, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    /** Stops the thread; runs under way complete. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
