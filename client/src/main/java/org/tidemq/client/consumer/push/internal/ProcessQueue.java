package org.tidemq.client.consumer.push.internal;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ReceivedMessage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages of one queue that were pulled but not yet acknowledged, ordered by queue offset, plus the queue's
 * flow-control and lifecycle state.
 *
 * <p>The consume offset to commit is the lowest offset still held (consumed messages behind an unacknowledged one
 * are redelivered after a crash: at-least-once), or one past the highest offset ever held when nothing is.
 *
 * <p>Flow control: {@link #pauseIfOverThreshold()} and {@link #resumeIfDrained()} are atomic with respect to adds
 * and removals, so a queue paused by the puller is always resumed by the consumer that drains it (no lost wake-up).
 *
 * <p>Orderly consumption takes messages out with {@link #takeForOrderly(int)} and then either
 * {@link #commitTaken()} or {@link #returnTaken()}s them; taken messages still count for the committable offset.
 *
 * <p>Thread-safe.
 */
public final class ProcessQueue {
    private final MessageQueue queue;
    private final int maxCachedMessages;
    private final long maxCachedBytes;
    private final TreeMap<Long, ReceivedMessage> held = new TreeMap<>();
    private final TreeMap<Long, ReceivedMessage> taken = new TreeMap<>();
    private final AtomicBoolean orderlyRunScheduled = new AtomicBoolean();
    private final ReentrantLock consumeLock = new ReentrantLock();
    private long cachedBytes;
    private long highestOffset = -1;
    private boolean paused;
    private volatile boolean dropped;
    private volatile long nextPullOffset = -1;
    private volatile long suggestedBrokerId;
    private volatile long lastPullMillis;
    private volatile long lastConsumeMillis;

    public ProcessQueue(MessageQueue queue, int maxCachedMessages, long maxCachedBytes) {
        this.queue = queue;
        this.maxCachedMessages = maxCachedMessages;
        this.maxCachedBytes = maxCachedBytes;
    }

    public MessageQueue queue() {
        return queue;
    }

    /** Adds pulled messages; an offset already held is ignored. Returns how many were new. */
    public synchronized int add(Collection<ReceivedMessage> messages) {
        int added = 0;
        for (ReceivedMessage message : messages) {
            long offset = message.queueOffset();
            if (held.containsKey(offset) || taken.containsKey(offset)) {
                continue;
            }
            held.put(offset, message);
            cachedBytes += message.bodyLength();
            highestOffset = Math.max(highestOffset, offset);
            added++;
        }
        return added;
    }

    /**
     * Acknowledges {@code messages} (consumed, or handed to a retry topic); returns the offset to commit now, or
     * -1 when nothing was ever held.
     */
    public synchronized long remove(Collection<ReceivedMessage> messages) {
        for (ReceivedMessage message : messages) {
            ReceivedMessage removed = held.remove(message.queueOffset());
            if (removed != null) {
                cachedBytes -= removed.bodyLength();
            }
        }
        return committableOffset();
    }

    /**
     * Records that every offset below {@code nextBeginOffset} was pulled (messages the filter skipped included), so
     * an empty queue commits up to it.
     */
    public synchronized void advanceTo(long nextBeginOffset) {
        highestOffset = Math.max(highestOffset, nextBeginOffset - 1);
    }

    /** True when messages wait that were not yet taken for consumption. */
    public synchronized boolean hasHeld() {
        return !held.isEmpty();
    }

    /** The lowest unacknowledged offset, else one past the highest ever held, else -1. */
    public synchronized long committableOffset() {
        long lowest = lowestCachedOffset();
        if (lowest >= 0) {
            return lowest;
        }
        return highestOffset < 0 ? -1 : highestOffset + 1;
    }

    /** Up to {@code max} of the lowest held messages, moved to the taken set; empty when none is held. */
    public synchronized List<ReceivedMessage> takeForOrderly(int max) {
        List<ReceivedMessage> batch = new ArrayList<>(Math.min(max, held.size()));
        while (batch.size() < max && !held.isEmpty()) {
            Map.Entry<Long, ReceivedMessage> first = held.pollFirstEntry();
            taken.put(first.getKey(), first.getValue());
            batch.add(first.getValue());
        }
        return batch;
    }

    /** Acknowledges every taken message; returns the offset to commit now. */
    public synchronized long commitTaken() {
        for (ReceivedMessage message : taken.values()) {
            cachedBytes -= message.bodyLength();
        }
        taken.clear();
        return committableOffset();
    }

    /** Puts the taken messages back, to be taken again first. */
    public synchronized void returnTaken() {
        held.putAll(taken);
        taken.clear();
    }

    /** Messages held or taken. */
    public synchronized int cachedCount() {
        return held.size() + taken.size();
    }

    /** Body bytes of messages held or taken. */
    public synchronized long cachedBytes() {
        return cachedBytes;
    }

    /** The lowest offset held or taken, or -1 when empty. */
    public synchronized long lowestCachedOffset() {
        long lowest = held.isEmpty() ? Long.MAX_VALUE : held.firstKey();
        if (!taken.isEmpty()) {
            lowest = Math.min(lowest, taken.firstKey());
        }
        return lowest == Long.MAX_VALUE ? -1 : lowest;
    }

    public synchronized long highestOffset() {
        return highestOffset;
    }

    private boolean overThreshold() {
        return held.size() + taken.size() >= maxCachedMessages || cachedBytes >= maxCachedBytes;
    }

    /** Marks the queue paused and returns true when it holds too much to pull more. */
    public synchronized boolean pauseIfOverThreshold() {
        if (overThreshold()) {
            paused = true;
        }
        return paused;
    }

    /** Returns true (once) when a paused queue has drained below its thresholds: the caller restarts pulling. */
    public synchronized boolean resumeIfDrained() {
        if (paused && !overThreshold()) {
            paused = false;
            return true;
        }
        return false;
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    /**
     * Forgets everything held and restarts counting from {@code nextOffset - 1}: after an offset reset the old
     * messages must neither be consumed nor committed.
     */
    public synchronized void clear(long nextOffset) {
        held.clear();
        taken.clear();
        cachedBytes = 0;
        highestOffset = nextOffset - 1;
    }

    /** The queue was revoked or the consumer closed: stop pulling and consuming it. */
    public void drop() {
        dropped = true;
    }

    public boolean isDropped() {
        return dropped;
    }

    /** Claims the single orderly run of this queue; false when one is already scheduled or running. */
    public boolean claimOrderlyRun() {
        return orderlyRunScheduled.compareAndSet(false, true);
    }

    public void releaseOrderlyRun() {
        orderlyRunScheduled.set(false);
    }

    /** Where the next pull of this queue starts; -1 until the start offset is known. */
    public long nextPullOffset() {
        return nextPullOffset;
    }

    public void nextPullOffset(long offset) {
        nextPullOffset = offset;
    }

    /** The broker id (0 master) the last pull response suggested for the next pull. */
    public long suggestedBrokerId() {
        return suggestedBrokerId;
    }

    public void suggestedBrokerId(long brokerId) {
        suggestedBrokerId = brokerId;
    }

    /** Held while a listener call on this queue runs (orderly): unlocking the broker lock waits for it. */
    public ReentrantLock consumeLock() {
        return consumeLock;
    }

    public long lastPullMillis() {
        return lastPullMillis;
    }

    public void markPulled(long millis) {
        lastPullMillis = millis;
    }

    public long lastConsumeMillis() {
        return lastConsumeMillis;
    }

    public void markConsumed(long millis) {
        lastConsumeMillis = millis;
    }
}
