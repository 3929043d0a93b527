package org.tidemq.store.flush;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.tidemq.store.PutMessageStatus;
import org.tidemq.store.durability.DurabilityStage;
import org.tidemq.store.util.ServiceThread;

/**
 * SYNC_FLUSH group commit. A writer registers the end offset of its record and gets a future; this service forces
 * the CommitLog once for everything written so far and completes every waiting future the force covered. Writers
 * that arrive during a force share the next one, so under load one {@code force()} serves many messages and no
 * thread blocks per message.
 *
 * <p>A waiter not covered within {@code syncFlushTimeoutMs} completes with FLUSH_DISK_TIMEOUT (the message stays
 * stored). {@link #expireOverdue()} enforces the deadline; it runs after every round and must also be called
 * periodically from another thread, so a force that hangs on a failing disk still times out its waiters.
 *
 * <p>As a {@link DurabilityStage} it bounds visibility to the flushed offset: a consumer never reads what a crash
 * could roll back. Thread-safe.
 */
public final class GroupCommitService extends ServiceThread implements DurabilityStage {

    /** Idle wait between rounds; waiters wake the service at once. */
    private static final long IDLE_WAIT_MS = 10;

    private final CommitLogFlusher flusher;
    private final LongSupplier clock;
    private final LongConsumer flushedTimestampSink;
    private final long timeoutMs;
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

    private record Waiter(long endOffset, long deadlineMs, CompletableFuture<PutMessageStatus> future) {
    }

    /**
     * @param flushedTimestampSink receives the store timestamp of the newest record a force covered
     */
    public GroupCommitService(CommitLogFlusher flusher, LongSupplier clock, LongConsumer flushedTimestampSink,
            long timeoutMs) {
        super("CommitLogGroupCommit");
        this.flusher = flusher;
        this.clock = clock;
        this.flushedTimestampSink = flushedTimestampSink;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public CompletableFuture<PutMessageStatus> awaitDurable(long endOffset, boolean waitStoreMsgOk) {
        if (endOffset <= flusher.flushedOffset()) {
            return CompletableFuture.completedFuture(PutMessageStatus.PUT_OK);
        }
        if (!waitStoreMsgOk) {
            wakeup();
            return CompletableFuture.completedFuture(PutMessageStatus.PUT_OK);
        }
        CompletableFuture<PutMessageStatus> future = new CompletableFuture<>();
        waiters.add(new Waiter(endOffset, clock.getAsLong() + timeoutMs, future));
        wakeup();
        return future;
    }

    @Override
    public long visibleOffset() {
        return flusher.flushedOffset();
    }

    /** Number of writers waiting for a force. */
    public int waitingCount() {
        return waiters.size();
    }

    @Override
    protected long waitIntervalMs() {
        return IDLE_WAIT_MS;
    }

    /** One group commit: one force if anything is unflushed, then completes and expires waiters. */
    @Override
    public void runOnce() {
        long timestamp = flusher.lastStoreTimestamp();
        long written = flusher.writtenOffset();
        long flushed = flusher.flushedOffset();
        if (flushed < written) {
            flushed = flusher.flush(0);
            if (flushed >= written && timestamp > 0) {
                flushedTimestampSink.accept(timestamp);
            }
        }
        completeCovered(flushed);
        expireOverdue();
    }

    private void completeCovered(long flushed) {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.endOffset <= flushed) {
                waiter.future.complete(PutMessageStatus.PUT_OK);
                it.remove();
            }
        }
    }

    /** Completes every waiter past its deadline with FLUSH_DISK_TIMEOUT. Safe from any thread. */
    public void expireOverdue() {
        long now = clock.getAsLong();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (now >= waiter.deadlineMs) {
                waiter.future.complete(PutMessageStatus.FLUSH_DISK_TIMEOUT);
                it.remove();
            }
        }
    }

    /** Forces everything and completes all waiters (covered: PUT_OK; otherwise FLUSH_DISK_TIMEOUT). */
    @Override
    protected void onShutdown() {
        runOnce();
        for (Waiter waiter : waiters) {
            waiter.future.complete(PutMessageStatus.FLUSH_DISK_TIMEOUT);
        }
        waiters.clear();
    }
}
