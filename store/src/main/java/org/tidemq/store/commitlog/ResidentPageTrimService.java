package org.tidemq.store.commitlog;

import org.tidemq.store.util.ServiceThread;

/**
 * Keeps the CommitLog's share of the broker's resident set small: every {@code intervalMs} it remaps the segments
 * through which at least {@code touchedBytesThreshold} bytes were written or read since their last mapping
 * ({@link CommitLog#trimResidentPages}). Without it every page a producer wrote or a consumer read stays counted in
 * the process's RSS (RssFile) for as long as its 1 GiB segment is mapped, although the kernel may reclaim it. The data
 * stays in the page cache, so readers of recent messages still hit memory; only the page-table references go.
 *
 * <p>All the work is in {@link #runOnce()} (tests call it directly); the thread only paces it.
 */
public final class ResidentPageTrimService extends ServiceThread {
    /** Default threshold: about what a busy broker appends and dispatches in a couple of seconds. */
    public static final long DEFAULT_TOUCHED_BYTES_THRESHOLD = 64L * 1024 * 1024;
    public static final long DEFAULT_INTERVAL_MS = 100;

    private final CommitLog commitLog;
    private final long touchedBytesThreshold;
    private final long intervalMs;

    public ResidentPageTrimService(CommitLog commitLog, long touchedBytesThreshold, long intervalMs) {
        super("CommitLogResidentPageTrim");
        if (touchedBytesThreshold <= 0 || intervalMs <= 0) {
            throw new IllegalArgumentException("touchedBytesThreshold and intervalMs must be positive, got "
                    + touchedBytesThreshold + " and " + intervalMs);
        }
        this.commitLog = commitLog;
        this.touchedBytesThreshold = touchedBytesThreshold;
        this.intervalMs = intervalMs;
    }

    @Override
    public void runOnce() {
        commitLog.trimResidentPages(touchedBytesThreshold);
    }

    @Override
    protected long waitIntervalMs() {
        return intervalMs;
    }
}
