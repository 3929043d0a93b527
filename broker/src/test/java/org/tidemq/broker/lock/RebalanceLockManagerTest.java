package org.tidemq.broker.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tidemq.broker.client.MessageQueue;

class RebalanceLockManagerTest {
    private static final MessageQueue Q0 = new MessageQueue("TopicA", "broker-a", 0);
    private static final MessageQueue Q1 = new MessageQueue("TopicA", "broker-a", 1);
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final RebalanceLockManager locks = new RebalanceLockManager(clock::get, 60_000);

    @Test
    void grantsFreeQueuesAndRefusesQueuesHeldByAnotherClient() {
        assertEquals(Set.of(Q0), locks.tryLockBatch("CG", Set.of(Q0), "c1"));

        assertEquals(Set.of(Q1), locks.tryLockBatch("CG", new LinkedHashSet<>(List.of(Q0, Q1)), "c2"));
        assertTrue(locks.isLockedBy("CG", Q0, "c1"));
        assertTrue(locks.isLockedBy("CG", Q1, "c2"));
        assertFalse(locks.isLockedBy("CG", Q0, "c2"));
        // Another group locks the same queue independently.
        assertEquals(Set.of(Q0), locks.tryLockBatch("OTHER", Set.of(Q0), "c2"));
    }

    @Test
    void holderRenewsItsLeaseAndAnExpiredLockGoesToTheNextClient() {
        locks.tryLockBatch("CG", Set.of(Q0), "c1");
        clock.addAndGet(50_000);
        assertEquals(Set.of(Q0), locks.tryLockBatch("CG", Set.of(Q0), "c1"), "renewal");
        clock.addAndGet(50_000);
        assertEquals(Set.of(), locks.tryLockBatch("CG", Set.of(Q0), "c2"), "renewed lease still runs");

        clock.addAndGet(10_001);
        assertFalse(locks.isLockedBy("CG", Q0, "c1"));
        assertEquals(Set.of(Q0), locks.tryLockBatch("CG", Set.of(Q0), "c2"));
        assertTrue(locks.isLockedBy("CG", Q0, "c2"));
    }

    @Test
    void unlockReleasesOnlyTheCallersLocks() {
        locks.tryLockBatch("CG", Set.of(Q0), "c1");
        locks.tryLockBatch("CG", Set.of(Q1), "c2");

        locks.unlockBatch("CG", Set.of(Q0, Q1), "c1");

        assertTrue(locks.isLockedBy("CG", Q1, "c2"));
        assertEquals(Set.of(Q0), locks.tryLockBatch("CG", Set.of(Q0, Q1), "c3"));
    }

    @Test
    void lockAllExpiredTellsWhetherAGroupStillConsumesOrderly() {
        assertTrue(locks.isLockAllExpired("CG"));
        locks.tryLockBatch("CG", Set.of(Q0), "c1");
        assertFalse(locks.isLockAllExpired("CG"));
        clock.addAndGet(60_001);
        assertTrue(locks.isLockAllExpired("CG"));
    }

    @Test
    void concurrentClientsNeverShareAQueue() throws Exception {
        Set<MessageQueue> queues = new LinkedHashSet<>();
        for (int i = 0; i < 64; i++) {
            queues.add(new MessageQueue("TopicA", "broker-a", i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Set<MessageQueue>>> results = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                String clientId = "c" + c;
                results.add(pool.submit(() -> {
                    start.await();
                    return locks.tryLockBatch("CG", queues, clientId);
                }));
            }
            start.countDown();
            Set<MessageQueue> union = new LinkedHashSet<>();
            int total = 0;
            for (Future<Set<MessageQueue>> result : results) {
                Set<MessageQueue> granted = result.get(5, TimeUnit.SECONDS);
                total += granted.size();
                union.addAll(granted);
            }
            assertEquals(64, total, "every queue granted exactly once");
            assertEquals(queues, union);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void leaseMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RebalanceLockManager(clock::get, 0));
    }
}
