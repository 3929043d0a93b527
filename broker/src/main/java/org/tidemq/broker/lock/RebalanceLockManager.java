package org.tidemq.broker.lock;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.tidemq.broker.client.MessageQueue;

/**
 * Which client of a consumer group holds each queue's lock, for orderly consumption (RocketMQ's
 * {@code RebalanceLockManager}). A lock is a lease: it lasts {@code lockMaxLiveTimeMs} (60 s by default) after the
 * holder's last lock request, then any client of the group may take it. Orderly clients renew every 20 s.
 *
 * <p>Locks live in memory only: a restarted broker starts without locks, and clients re-lock within one renewal.
 * Thread-safe: every method holds the manager's monitor, so a batch is granted atomically.
 */
public final class RebalanceLockManager {
    /** RocketMQ's lease, system property {@code rocketmq.broker.rebalance.lockMaxLiveTime}. */
    public static final long DEFAULT_LOCK_MAX_LIVE_TIME_MS = 60_000;

    private final LongSupplier clockMillis;
    private final long lockMaxLiveTimeMs;
    private final Map<String, Map<MessageQueue, LockEntry>> groups = new HashMap<>();

    public RebalanceLockManager(LongSupplier clockMillis, long lockMaxLiveTimeMs) {
        if (lockMaxLiveTimeMs <= 0) {
            throw new IllegalArgumentException("lockMaxLiveTimeMs must be > 0, got " + lockMaxLiveTimeMs);
        }
        this.clockMillis = clockMillis;
        this.lockMaxLiveTimeMs = lockMaxLiveTimeMs;
    }

    /**
     * Locks (or renews) every queue of {@code queues} that is free, expired or already held by {@code clientId}.
     *
     * @return the queues {@code clientId} holds afterwards, in the order given
     */
    public synchronized Set<MessageQueue> tryLockBatch(String group, Set<MessageQueue> queues, String clientId) {
        long now = clockMillis.getAsLong();
        Map<MessageQueue, LockEntry> locks = groups.computeIfAbsent(group, g -> new HashMap<>());
        Set<MessageQueue> granted = new LinkedHashSet<>();
        for (MessageQueue queue : queues) {
            LockEntry entry = locks.get(queue);
            if (entry == null || entry.clientId.equals(clientId) || entry.isExpired(now, lockMaxLiveTimeMs)) {
                locks.put(queue, new LockEntry(clientId, now));
                granted.add(queue);
            }
        }
        return granted;
    }

    /** Releases the queues of {@code queues} that {@code clientId} holds; others' locks are left alone. */
    public synchronized void unlockBatch(String group, Set<MessageQueue> queues, String clientId) {
        Map<MessageQueue, LockEntry> locks = groups.get(group);
        if (locks == null) {
            return;
        }
        for (MessageQueue queue : queues) {
            LockEntry entry = locks.get(queue);
            if (entry != null && entry.clientId.equals(clientId)) {
                locks.remove(queue);
            }
        }
        if (locks.isEmpty()) {
            groups.remove(group);
        }
    }

    /** Whether {@code clientId} holds an unexpired lock on {@code queue}. */
    public synchronized boolean isLockedBy(String group, MessageQueue queue, String clientId) {
        Map<MessageQueue, LockEntry> locks = groups.get(group);
        LockEntry entry = locks == null ? null : locks.get(queue);
        return entry != null && entry.clientId.equals(clientId)
                && !entry.isExpired(clockMillis.getAsLong(), lockMaxLiveTimeMs);
    }

    /**
     * Whether no queue of {@code group} has an unexpired lock (then it is not consuming orderly here). Drops the
     * group's expired entries on the way.
     */
    public synchronized boolean isLockAllExpired(String group) {
        Map<MessageQueue, LockEntry> locks = groups.get(group);
        if (locks == null) {
            return true;
        }
        long now = clockMillis.getAsLong();
        boolean allExpired = true;
        for (Iterator<LockEntry> it = locks.values().iterator(); it.hasNext(); ) {
            if (it.next().isExpired(now, lockMaxLiveTimeMs)) {
                it.remove();
            } else {
                allExpired = false;
            }
        }
        if (locks.isEmpty()) {
            groups.remove(group);
        }
        return allExpired;
    }

    private record LockEntry(String clientId, long lastUpdateMillis) {
        boolean isExpired(long now, long maxLiveTimeMs) {
            return now - lastUpdateMillis > maxLiveTimeMs;
        }
    }
}
