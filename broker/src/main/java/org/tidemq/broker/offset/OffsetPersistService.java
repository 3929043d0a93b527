package org.tidemq.broker.offset;

import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.persist.PeriodicScheduler;

/**
 * Flushes consumer offsets to disk in the background: every {@code intervalMs} (RocketMQ: 5 s) and once more at
 * {@link #shutdown()}, writing only when an offset changed since the last successful write.
 *
 * <p>A failed periodic write is logged and retried at the next tick (the changes stay pending); the shutdown
 * write's failure is thrown to the caller. Thread-safety: {@link #start()} and {@link #shutdown()} are for the
 * broker's lifecycle thread; ticks run on the scheduler's thread.
 */
public final class OffsetPersistService {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetPersistService.class);

    public static final long DEFAULT_INTERVAL_MS = 5_000;

    private final ConsumerOffsetManager offsets;
    private final PeriodicScheduler scheduler;
    private final long intervalMs;
    private PeriodicScheduler.ScheduledTask task;

    public OffsetPersistService(ConsumerOffsetManager offsets, PeriodicScheduler scheduler, long intervalMs) {
        this.offsets = Objects.requireNonNull(offsets, "offsets");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("intervalMs must be > 0, got " + intervalMs);
        }
        this.intervalMs = intervalMs;
    }

    public synchronized void start() {
        if (task != null) {
            throw new IllegalStateException("already started");
        }
        task = scheduler.scheduleAtFixedRate(this::persistQuietly, intervalMs, intervalMs);
    }

    /** One tick: persist if changed; a failure is logged and left for the next tick. */
    void persistQuietly() {
        try {
            offsets.persistIfChanged();
        } catch (IOException | RuntimeException e) {
            LOG.error("persisting consumer offsets to {} failed; retrying at the next tick", offsets.file(), e);
        }
    }

    /**
     * Stops the periodic writes and writes pending changes one last time.
     *
     * @throws IOException when that final write fails
     */
    public synchronized void shutdown() throws IOException {
        if (task != null) {
            task.cancel();
            task = null;
        }
        offsets.persistIfChanged();
    }
}
