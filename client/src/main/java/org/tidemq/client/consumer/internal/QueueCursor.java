package org.tidemq.client.consumer.internal;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ReceivedMessage;

import java.util.ArrayDeque;
import java.util.List;

/**
 * One assigned queue's reading state: where the next pull starts, where the application stands ({@link #position}),
 * and the prefetched messages in between (bounded by count and bytes).
 *
 * <p>Every seek bumps an <em>epoch</em>; a pull answered for an older epoch is stale and its messages are dropped, so
 * a long-polled pull that was in flight during a seek cannot deliver messages from before the seek.
 *
 * <p>Thread-safe: all state is guarded by this object's monitor.
 */
final class QueueCursor {
    /** What {@link #beginPull} decided. */
    record PullTicket(long epoch, long offset, long suggestedBrokerId) {
    }

    private final MessageQueue queue;
    private final int maxMessages;
    private final long maxBytes;
    private final ArrayDeque<ReceivedMessage> buffer = new ArrayDeque<>();
    private long bufferedBytes;
    private long epoch;
    private long nextPullOffset = -1;
    private long position = -1;
    private long suggestedBrokerId;
    private boolean pulling;
    private boolean dropped;

    QueueCursor(MessageQueue queue, int maxMessages, long maxBytes) {
        this.queue = queue;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    MessageQueue queue() {
        return queue;
    }

    /** Starts reading at {@code offset}, forgetting prefetched messages and any pull in flight. */
    synchronized void seek(long offset) {
        epoch++;
        buffer.clear();
        bufferedBytes = 0;
        nextPullOffset = offset;
        position = offset;
        pulling = false;
    }

    /** Sets the start offset unless a seek already did (resolution of the start offset races with user seeks). */
    synchronized boolean initialize(long offset, long resolutionEpoch) {
        if (epoch != resolutionEpoch || dropped) {
            return false;
        }
        seek(offset);
        return true;
    }

    synchronized long epoch() {
        return epoch;
    }

    /** A pull to send now, or {@code null} when one is in flight, the cache is full, or the start is unresolved. */
    synchronized PullTicket beginPull() {
        if (pulling || dropped || nextPullOffset < 0 || buffer.size() >= maxMessages || bufferedBytes >= maxBytes) {
            return null;
        }
        pulling = true;
        return new PullTicket(epoch, nextPullOffset, suggestedBrokerId);
    }

    /**
     * Records a pull's outcome; false (and nothing changed) when the pull is stale.
     *
     * @param messages messages to buffer; those before {@code ticket.offset()} are ignored
     */
    synchronized boolean completePull(PullTicket ticket, long nextBeginOffset, long suggestedBroker,
                                      List<ReceivedMessage> messages) {
        if (ticket.epoch() != epoch || dropped) {
            return false;
        }
        pulling = false;
        for (ReceivedMessage message : messages) {
            if (message.queueOffset() >= ticket.offset()) {
                buffer.addLast(message);
                bufferedBytes += message.bodyLength();
            }
        }
        nextPullOffset = nextBeginOffset;
        suggestedBrokerId = suggestedBroker;
        if (buffer.isEmpty() && position < nextBeginOffset) {
            // Everything below nextBeginOffset was polled or filtered out by tag: the position follows it.
            position = nextBeginOffset;
        }
        return true;
    }

    /**
     * An OFFSET_ILLEGAL answer: the queue no longer holds the offset; reading continues at the broker's corrected
     * offset and the position jumps there too. False when stale.
     */
    synchronized boolean offsetMoved(PullTicket ticket, long correctedOffset) {
        if (ticket.epoch() != epoch || dropped) {
            return false;
        }
        pulling = false;
        buffer.clear();
        bufferedBytes = 0;
        nextPullOffset = correctedOffset;
        position = correctedOffset;
        return true;
    }

    /** A failed pull: allows the next one (after the caller's backoff); false when stale. */
    synchronized boolean failPull(PullTicket ticket) {
        if (ticket.epoch() != epoch || dropped) {
            return false;
        }
        pulling = false;
        return true;
    }

    /** Moves up to {@code max} buffered messages to {@code out}, advancing the position; returns how many. */
    synchronized int drainTo(List<ReceivedMessage> out, int max) {
        int taken = 0;
        while (taken < max && !buffer.isEmpty()) {
            ReceivedMessage message = buffer.pollFirst();
            bufferedBytes -= message.bodyLength();
            position = message.queueOffset() + 1;
            out.add(message);
            taken++;
        }
        if (buffer.isEmpty() && position < nextPullOffset) {
            // Messages between the last polled one and nextPullOffset were filtered out by tag.
            position = nextPullOffset;
        }
        return taken;
    }

    synchronized boolean hasBuffered() {
        return !buffer.isEmpty();
    }

    synchronized int bufferedCount() {
        return buffer.size();
    }

    /** Next offset {@code poll} returns, −1 while unresolved. */
    synchronized long position() {
        return position;
    }

    /** Stops all activity; later pull answers are ignored. */
    synchronized void drop() {
        dropped = true;
        buffer.clear();
        bufferedBytes = 0;
    }

    synchronized boolean isDropped() {
        return dropped;
    }
}
