package org.tidemq.client.consumer.internal;

import org.tidemq.client.consumer.ReceivedMessage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Hands prefetched messages to polling threads: takes up to a limit from the cursors, starting at a rotating queue so
 * that no queue starves, and waits for {@link #signal()} when nothing is there.
 *
 * <p>Thread-safe. Lock order: this gate's lock, then a cursor's monitor; {@link #signal()} is called without holding
 * a cursor's monitor.
 */
final class Handout {
    private final int maxMessages;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final AtomicInteger rotation = new AtomicInteger();

    Handout(int maxMessages) {
        this.maxMessages = maxMessages;
    }

    /**
     * Messages taken from {@code cursors}, waiting up to {@code timeoutNanos} for the first; stops waiting early when
     * {@code open} turns false.
     */
    List<ReceivedMessage> take(Supplier<Collection<QueueCursor>> cursors, long timeoutNanos, BooleanSupplier open) {
        long deadline = System.nanoTime() + timeoutNanos;
        List<ReceivedMessage> out = new ArrayList<>();
        lock.lock();
        try {
            while (true) {
                drain(new ArrayList<>(cursors.get()), out);
                long remaining = deadline - System.nanoTime();
                if (!out.isEmpty() || remaining <= 0 || !open.getAsBoolean()) {
                    return out;
                }
                arrived.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return out;
        } finally {
            lock.unlock();
        }
    }

    private void drain(List<QueueCursor> all, List<ReceivedMessage> out) {
        if (all.isEmpty()) {
            return;
        }
        int start = Math.floorMod(rotation.getAndIncrement(), all.size());
        for (int i = 0; i < all.size() && out.size() < maxMessages; i++) {
            all.get((start + i) % all.size()).drainTo(out, maxMessages - out.size());
        }
    }

    /** Wakes waiting pollers: messages arrived, or the consumer is closing. */
    void signal() {
        lock.lock();
        try {
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
