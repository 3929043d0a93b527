package org.tidemq.broker.pull;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.ToLongBiFunction;
import org.tidemq.broker.persist.PeriodicScheduler;

/**
 * Parked pulls per topic-queue (facts §9.7). A parked pull is handed to the {@code resumer} (which re-runs it without
 * suspension and answers) as soon as the queue's max offset passes the offset it asked for — told by
 * {@link #notifyMessageArriving} from the dispatch path — or when its deadline passes, found by {@link #checkHolds()}
 * on a background tick.
 *
 * <p>Each pull is resumed exactly once. {@link #notifyMessageArriving} only moves pulls out of the table and hands
 * them to the resumer, which must not block (it submits to the pull executor), so the store's dispatch thread is
 * never held up. Thread-safe.
 */
public final class LongPollingService {
    public static final long DEFAULT_CHECK_INTERVAL_MS = 1_000;

    private final Map<String, List<ParkedPull>> parked = new ConcurrentHashMap<>();
    private final ToLongBiFunction<String, Integer> maxOffsetInQueue;
    private final LongSupplier clockMillis;
    private final Consumer<ParkedPull> resumer;
    private PeriodicScheduler.ScheduledTask task;

    /**
     * @param maxOffsetInQueue the store's visible max offset of a queue
     * @param resumer          re-runs and answers a woken pull; must not block
     */
    public LongPollingService(ToLongBiFunction<String, Integer> maxOffsetInQueue, LongSupplier clockMillis,
                              Consumer<ParkedPull> resumer) {
        this.maxOffsetInQueue = maxOffsetInQueue;
        this.clockMillis = clockMillis;
        this.resumer = resumer;
    }

    /** Runs {@link #checkHolds()} every {@code intervalMs}. */
    public synchronized void start(PeriodicScheduler scheduler, long intervalMs) {
        task = scheduler.scheduleAtFixedRate(this::checkHolds, intervalMs, intervalMs);
    }

    /**
     * Parks a pull. If a message arrived while the pull was being parked it is woken at once, so no arrival between
     * the pull's read and its parking is missed.
     */
    public void park(ParkedPull pull) {
        String key = key(pull.topic(), pull.queueId());
        List<ParkedPull> queue = parked.computeIfAbsent(key, k -> new ArrayList<>());
        synchronized (queue) {
            queue.add(pull);
        }
        long max = maxOffsetInQueue.applyAsLong(pull.topic(), pull.queueId());
        if (max > pull.queueOffset()) {
            notifyMessageArriving(pull.topic(), pull.queueId(), max);
        }
    }

    /** A message was dispatched: wakes the queue's pulls that asked for an offset below {@code maxOffset}. */
    public void notifyMessageArriving(String topic, int queueId, long maxOffset) {
        List<ParkedPull> queue = parked.get(key(topic, queueId));
        if (queue == null) {
            return;
        }
        resumeAll(take(queue, pull -> pull.queueOffset() < maxOffset));
    }

    /** Wakes pulls whose queue has new messages or whose deadline passed. */
    public void checkHolds() {
        long now = clockMillis.getAsLong();
        for (List<ParkedPull> queue : parked.values()) {
            List<ParkedPull> due;
            synchronized (queue) {
                if (queue.isEmpty()) {
                    continue;
                }
                ParkedPull first = queue.get(0);
                long max = maxOffsetInQueue.applyAsLong(first.topic(), first.queueId());
                due = takeLocked(queue, pull -> pull.queueOffset() < max || now >= pull.deadlineMillis());
            }
            resumeAll(due);
        }
    }

    /** Pulls currently parked (for monitoring and tests). */
    public int parkedCount() {
        int count = 0;
        for (List<ParkedPull> queue : parked.values()) {
            synchronized (queue) {
                count += queue.size();
            }
        }
        return count;
    }

    /** Stops the checker and answers every parked pull now. */
    public void shutdown() {
        synchronized (this) {
            if (task != null) {
                task.cancel();
                task = null;
            }
        }
        for (List<ParkedPull> queue : parked.values()) {
            resumeAll(take(queue, pull -> true));
        }
    }

    private void resumeAll(List<ParkedPull> pulls) {
        for (ParkedPull pull : pulls) {
            resumer.accept(pull);
        }
    }

    private static List<ParkedPull> take(List<ParkedPull> queue, Predicate<ParkedPull> due) {
        synchronized (queue) {
            return takeLocked(queue, due);
        }
    }

    private static List<ParkedPull> takeLocked(List<ParkedPull> queue,
                                               Predicate<ParkedPull> due) {
        List<ParkedPull> taken = new ArrayList<>();
        for (Iterator<ParkedPull> it = queue.iterator(); it.hasNext(); ) {
            ParkedPull pull = it.next();
            if (due.test(pull)) {
                taken.add(pull);
                it.remove();
            }
        }
        return taken;
    }

    private static String key(String topic, int queueId) {
        return topic + '@' + queueId;
    }
}
