package org.tidemq.broker.timer;

import java.util.Comparator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The near-term timers: entries of the wheel slots loaded so far that have not fired, ordered by deliver time (then
 * queue offset), plus how many of them each slot still has, which bounds the firing progress. Holds only the slots
 * within about one precision ahead of now, so its size is the timers due in that window, not all pending timers.
 *
 * <p>Not thread-safe: one owner thread.
 */
final class PendingTimers {
    /** One timer: where it is in the timer log, when it is due, which slot chain it is linked into. */
    record Timer(long deliverMs, long queueOffset, long linkedSlot) {
    }

    /** A plain comparator: the composed comparingLong/thenComparingLong one was a third of a firing pass's time. */
    private static final Comparator<Timer> DUE_ORDER = (a, b) -> a.deliverMs() != b.deliverMs()
            ? Long.compare(a.deliverMs(), b.deliverMs()) : Long.compare(a.queueOffset(), b.queueOffset());

    private final PriorityQueue<Timer> queue = new PriorityQueue<>(DUE_ORDER);
    private final TreeMap<Long, Integer> perSlot = new TreeMap<>();

    void add(Timer timer) {
        queue.add(timer);
        perSlot.merge(timer.linkedSlot(), 1, Integer::sum);
    }

    /** The earliest timer, or null. */
    Timer peek() {
        return queue.peek();
    }

    /** Removes the earliest timer (after it fired or was found done). */
    void removeFirst() {
        Timer timer = queue.poll();
        if (timer != null) {
            perSlot.computeIfPresent(timer.linkedSlot(), (slot, n) -> n == 1 ? null : n - 1);
        }
    }

    int size() {
        return queue.size();
    }

    /** The lowest slot with an unfired loaded timer, or {@code Long.MAX_VALUE} when none. */
    long lowestSlot() {
        Map.Entry<Long, Integer> first = perSlot.firstEntry();
        return first == null ? Long.MAX_VALUE : first.getKey();
    }
}
