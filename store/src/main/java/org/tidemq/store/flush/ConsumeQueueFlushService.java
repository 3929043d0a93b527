package org.tidemq.store.flush;

import java.io.IOException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.store.checkpoint.StoreCheckpoint;
import org.tidemq.store.consumequeue.ConsumeQueueStore;
import org.tidemq.store.util.ServiceThread;

/**
 * Forces ConsumeQueues every {@code flushIntervalConsumeQueueMs} when {@code flushConsumeQueueLeastPages} pages are
 * dirty; at least every {@code flushConsumeQueueThoroughIntervalMs} forces all of them and then writes the
 * checkpoint (ConsumeQueues durable up to the dispatched store timestamp, CommitLog up to its flushed one).
 */
public final class ConsumeQueueFlushService extends ServiceThread {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumeQueueFlushService.class);

    private final ConsumeQueueStore queues;
    private final LongSupplier dispatchedStoreTimestamp;
    private final StoreCheckpoint checkpoint;
    private final int intervalMs;
    private final FlushPolicy policy;

    /**
     * @param dispatchedStoreTimestamp store timestamp of the newest record given a ConsumeQueue entry
     */
    public ConsumeQueueFlushService(ConsumeQueueStore queues, LongSupplier dispatchedStoreTimestamp,
            StoreCheckpoint checkpoint, LongSupplier clock, int intervalMs, int leastPages, int thoroughIntervalMs) {
        super("ConsumeQueueFlush");
        this.queues = queues;
        this.dispatchedStoreTimestamp = dispatchedStoreTimestamp;
        this.checkpoint = checkpoint;
        this.intervalMs = intervalMs;
        this.policy = new FlushPolicy(clock, leastPages, thoroughIntervalMs);
    }

    @Override
    protected long waitIntervalMs() {
        return intervalMs;
    }

    @Override
    public void runOnce() {
        if (policy.thoroughRoundDue()) {
            flushAllAndCheckpoint();
        } else {
            queues.flush(policy.leastPages());
        }
    }

    /** Forces every queue, then records and writes the checkpoint. */
    public void flushAllAndCheckpoint() {
        long timestamp = dispatchedStoreTimestamp.getAsLong();
        queues.flush(0);
        if (timestamp > 0) {
            checkpoint.setLogicsMsgTimestamp(timestamp);
        }
        try {
            checkpoint.flush();
        } catch (IOException e) {
            LOG.error("cannot write the checkpoint {}", checkpoint.file(), e);
        }
    }

    @Override
    protected void onShutdown() {
        flushAllAndCheckpoint();
    }
}
