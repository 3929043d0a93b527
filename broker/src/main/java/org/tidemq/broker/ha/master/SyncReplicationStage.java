package org.tidemq.broker.ha.master;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.tidemq.store.PutMessageStatus;
import org.tidemq.store.durability.DurabilityStage;

/**
 * SYNC_MASTER's durability step: an append counts as durable once a slave has acknowledged an offset at or past its
 * end.
 *
 * <p>{@link #awaitDurable} answers at once with SLAVE_NOT_AVAILABLE when no slave is connected, or when the best
 * connected slave is {@code maxGapNotInSyncBytes} or more behind the append's end (it could not confirm in time, as
 * RocketMQ 4.x's {@code isSlaveOK}); with PUT_OK when a slave already covers it; otherwise the future waits for
 * {@link #onAck} and completes with PUT_OK, or with FLUSH_SLAVE_TIMEOUT once {@code timeoutMs} have passed on the
 * injected clock at a call of {@link #expireOverdue()} (driven periodically by the broker's scheduler). Every status
 * but PUT_OK still means "stored on the master": the store maps them to the send codes 12 / 11, never SEND_OK.
 *
 * <p>Acknowledgements are monotonic: a slave's CommitLog is a prefix of the master's, so an ack of X covers every
 * append ending at or before X, whichever slave sent it.
 *
 * <p>Visibility is not restricted ({@link #visibleOffset()} stays unbounded), as in RocketMQ: consumers may read a
 * message the slave has not confirmed yet.
 *
 * <p>Thread-safe: writers, the I/O thread delivering acks and the expiry tick share one lock held only for queue
 * operations; futures are completed outside it.
 */
public final class SyncReplicationStage implements DurabilityStage, SlaveAcks.Listener {

    private record Pending(long endOffset, long deadlineMs, CompletableFuture<PutMessageStatus> future) {
    }

    private final SlaveAcks slaves;
    private final Runnable wakeTransfers;
    private final long maxGapNotInSyncBytes;
    private final long timeoutMs;
    private final LongSupplier clockMs;

    private final Object lock = new Object();
    /** Waiting appends by end offset, so an ack completes a prefix. */
    private final PriorityQueue<Pending> byEndOffset = new PriorityQueue<>(
            Comparator.comparingLong(Pending::endOffset));
    /** The same appends in arrival order, so deadlines (arrival + timeout) expire from the head. */
    private final ArrayDeque<Pending> byArrival = new ArrayDeque<>();
    private long highestAck = -1;
    private boolean closed;

    /**
     * @param slaves               connected slaves' progress
     * @param wakeTransfers        nudges the transfer to send new CommitLog bytes at once
     * @param maxGapNotInSyncBytes {@code haMaxGapNotInSync}
     * @param timeoutMs            how long an append waits for an ack ({@code syncFlushTimeout})
     * @param clockMs              milliseconds clock for deadlines
     */
    public SyncReplicationStage(SlaveAcks slaves, Runnable wakeTransfers, long maxGapNotInSyncBytes, long timeoutMs,
                                LongSupplier clockMs) {
        if (maxGapNotInSyncBytes <= 0 || timeoutMs <= 0) {
            throw new IllegalArgumentException("maxGapNotInSyncBytes and timeoutMs must be > 0");
        }
        this.slaves = slaves;
        this.wakeTransfers = wakeTransfers;
        this.maxGapNotInSyncBytes = maxGapNotInSyncBytes;
        this.timeoutMs = timeoutMs;
        this.clockMs = clockMs;
    }

    @Override
    public CompletableFuture<PutMessageStatus> awaitDurable(long endOffset, boolean waitStoreMsgOk) {
        wakeTransfers.run();
        if (!waitStoreMsgOk) {
            return CompletableFuture.completedFuture(PutMessageStatus.PUT_OK);
        }
        long best = slaves.highestConnectedAck();
        if (best < 0 || endOffset - best >= maxGapNotInSyncBytes) {
            return CompletableFuture.completedFuture(PutMessageStatus.SLAVE_NOT_AVAILABLE);
        }
        synchronized (lock) {
            if (highestAck >= endOffset) {
                return CompletableFuture.completedFuture(PutMessageStatus.PUT_OK);
            }
            if (closed) {
                return CompletableFuture.completedFuture(PutMessageStatus.FLUSH_SLAVE_TIMEOUT);
            }
            Pending pending = new Pending(endOffset, clockMs.getAsLong() + timeoutMs, new CompletableFuture<>());
            byEndOffset.add(pending);
            byArrival.addLast(pending);
            return pending.future();
        }
    }

    /** A slave acknowledged {@code ackedOffset}: completes every append ending at or before it with PUT_OK. */
    @Override
    public void onAck(long ackedOffset) {
        List<Pending> covered = new ArrayList<>();
        synchronized (lock) {
            if (ackedOffset <= highestAck) {
                return;
            }
            highestAck = ackedOffset;
            while (!byEndOffset.isEmpty() && byEndOffset.peek().endOffset() <= ackedOffset) {
                covered.add(byEndOffset.poll());
            }
        }
        covered.forEach(p -> p.future().complete(PutMessageStatus.PUT_OK));
    }

    /** Completes appends that waited {@code timeoutMs} or longer with FLUSH_SLAVE_TIMEOUT; returns how many. */
    public int expireOverdue() {
        long now = clockMs.getAsLong();
        List<Pending> overdue = new ArrayList<>();
        synchronized (lock) {
            while (!byArrival.isEmpty()) {
                Pending head = byArrival.peekFirst();
                if (head.future().isDone()) {
                    byArrival.pollFirst();
                } else if (head.deadlineMs() <= now) {
                    byArrival.pollFirst();
                    overdue.add(head);
                } else {
                    break;
                }
            }
            // Expired entries stay in byEndOffset until an ack passes them; drop them when they pile up (those expired
            // just now go at the next tick).
            if (byArrival.isEmpty()) {
                byEndOffset.clear();
            } else if (byEndOffset.size() > 2 * byArrival.size() + 1024) {
                byEndOffset.removeIf(p -> p.future().isDone());
            }
        }
        int expired = 0;
        for (Pending p : overdue) {
            if (p.future().complete(PutMessageStatus.FLUSH_SLAVE_TIMEOUT)) {
                expired++;
            }
        }
        return expired;
    }

    /** Appends still waiting for a slave. */
    public int pendingCount() {
        synchronized (lock) {
            return (int) byArrival.stream().filter(p -> !p.future().isDone()).count();
        }
    }

    /** Shutdown: every waiting append completes with FLUSH_SLAVE_TIMEOUT, later ones are not queued. */
    public void close() {
        List<Pending> waiting;
        synchronized (lock) {
            closed = true;
            waiting = new ArrayList<>(byEndOffset);
            byEndOffset.clear();
            byArrival.clear();
        }
        waiting.forEach(p -> p.future().complete(PutMessageStatus.FLUSH_SLAVE_TIMEOUT));
    }
}
