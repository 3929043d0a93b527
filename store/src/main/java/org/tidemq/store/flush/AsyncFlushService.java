package org.tidemq.store.flush;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.store.util.ServiceThread;

/**
 * ASYNC_FLUSH: every {@code flushIntervalCommitLogMs} forces the CommitLog if at least
 * {@code flushCommitLogLeastPages} pages are dirty, and everything at least every
 * {@code flushCommitLogThoroughIntervalMs}; on shutdown forces everything. Appends are acknowledged after the
 * page-cache write and never wait for this service.
 */
public final class AsyncFlushService extends ServiceThread {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncFlushService.class);

    private final CommitLogFlusher flusher;
    private final LongConsumer flushedTimestampSink;
    private final int intervalMs;
    private final FlushPolicy policy;

    /**
     * @param flushedTimestampSink receives the store timestamp of the newest record a flush covered (checkpoint's
     *                             physicMsgTimestamp)
     */
    public AsyncFlushService(CommitLogFlusher flusher, LongSupplier clock, LongConsumer flushedTimestampSink,
            int intervalMs, int leastPages, int thoroughIntervalMs) {
        super("CommitLogAsyncFlush");
        this.flusher = flusher;
        this.flushedTimestampSink = flushedTimestampSink;
        this.intervalMs = intervalMs;
        this.policy = new FlushPolicy(clock, leastPages, thoroughIntervalMs);
    }

    @Override
    protected long waitIntervalMs() {
        return intervalMs;
    }

    @Override
    public void runOnce() {
        flushAndRecord(policy.thoroughRoundDue() ? 0 : policy.leastPages());
    }

    private void flushAndRecord(int pages) {
        // Timestamp first, then the written offset: every record stored at or before the timestamp lies below it.
        long timestamp = flusher.lastStoreTimestamp();
        long written = flusher.writtenOffset();
        long flushed = flusher.flush(pages);
        if (flushed >= written && timestamp > 0) {
            flushedTimestampSink.accept(timestamp);
        }
    }

    @Override
    protected void onShutdown() {
        for (int i = 0; i < 10 && flusher.flushedOffset() < flusher.writtenOffset(); i++) {
            flushAndRecord(0);
        }
        if (flusher.flushedOffset() < flusher.writtenOffset()) {
            LOG.warn("shutdown flush incomplete: flushed {} of {}", flusher.flushedOffset(), flusher.writtenOffset());
        }
    }
}
