package org.tidemq.client.producer.fault;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyFaultTrackerTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LatencyFaultTracker tracker = new LatencyFaultTracker(now::get);

    @Test
    void quarantineGrowsWithLatency() {
        assertEquals(0, LatencyFaultTracker.quarantineFor(10));
        assertEquals(0, LatencyFaultTracker.quarantineFor(549));
        assertEquals(2_000, LatencyFaultTracker.quarantineFor(550));
        assertEquals(5_000, LatencyFaultTracker.quarantineFor(1_800));
        assertEquals(6_000, LatencyFaultTracker.quarantineFor(3_000));
        assertEquals(10_000, LatencyFaultTracker.quarantineFor(LatencyFaultTracker.FAILURE_LATENCY_MILLIS));
        assertEquals(30_000, LatencyFaultTracker.quarantineFor(20_000));
    }

    @Test
    void failedBrokerIsAvoidedUntilItsQuarantineEnds() {
        tracker.record("broker-a", 3, true);

        assertFalse(tracker.isAvailable("broker-a"));
        assertTrue(tracker.isAvailable("broker-b"));
        now.addAndGet(9_999);
        assertFalse(tracker.isAvailable("broker-a"));
        now.addAndGet(1);
        assertTrue(tracker.isAvailable("broker-a"));
    }

    @Test
    void slowAnswersQuarantineFastOnesClear() {
        tracker.record("broker-a", 600, false);
        assertFalse(tracker.isAvailable("broker-a"));
        now.addAndGet(2_000);
        assertTrue(tracker.isAvailable("broker-a"));

        tracker.record("broker-b", 5_000, false);
        assertFalse(tracker.isAvailable("broker-b"));
        tracker.record("broker-b", 20, false);
        assertTrue(tracker.isAvailable("broker-b"), "a fast answer lifts the quarantine");
    }
}
