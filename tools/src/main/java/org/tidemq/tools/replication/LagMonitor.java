package org.tidemq.tools.replication;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link ReplicationLagSampler} every {@code interval} on its own daemon thread until {@link #close()}.
 * One slow HA status answer delays the next sample rather than piling samples up (fixed delay).
 */
public final class LagMonitor implements AutoCloseable {
    /** Fine enough for a 50 ms target, cheap for the masters (one small request each). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);

    private final ReplicationLagSampler sampler;
    private final AutoCloseable resource;
    private final ScheduledExecutorService executor;

    private LagMonitor(ReplicationLagSampler sampler, Duration interval, AutoCloseable resource) {
        this.sampler = sampler;
        this.resource = resource;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "replication-lag-sampler");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(sampler::sampleOnce, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Starts sampling now.
     *
     * @param resource closed after the last sample (the admin client the sampler asks through)
     */
    public static LagMonitor start(ReplicationLagSampler sampler, Duration interval, AutoCloseable resource) {
        return new LagMonitor(sampler, interval, resource);
    }

    public ReplicationLagSampler.LagSummary summary() {
        return sampler.summary();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
            resource.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception closeFailure) {
            // Nothing depends on the admin connection any more; the process is about to report and exit.
        }
    }
}
