package org.tidemq.store.flush;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tidemq.store.testutil.ManualClock;

class AsyncFlushServiceTest {

    private final ManualClock clock = new ManualClock(0);
    private final FakeFlusher flusher = new FakeFlusher();
    private final AtomicLong flushedTimestamp = new AtomicLong();
    private final AsyncFlushService service = new AsyncFlushService(flusher, clock, flushedTimestamp::set, 500, 4,
            10_000);

    @Test
    void forcesOnlyOnceEnoughPagesAreDirtyOrTheThoroughIntervalPassed() {
        flusher.write(3 * 4096, 7);
        clock.advance(500);
        service.runOnce();
        assertEquals(0, flusher.forces.get(), "3 dirty pages < flushCommitLogLeastPages 4");

        flusher.write(4096, 8);
        clock.advance(500);
        service.runOnce();
        assertEquals(1, flusher.forces.get());
        assertEquals(4 * 4096, flusher.flushedOffset());
        assertEquals(8, flushedTimestamp.get());

        flusher.write(100, 9);
        clock.advance(500);
        service.runOnce();
        assertEquals(1, flusher.forces.get(), "one dirty page waits");
        clock.advance(10_000);
        service.runOnce();
        assertEquals(2, flusher.forces.get(), "the thorough interval forces whatever is dirty");
        assertEquals(0, flusher.lastLeastPages.get());
        assertEquals(9, flushedTimestamp.get());
    }

    @Test
    void shutdownForcesEverything() {
        flusher.write(10, 1);
        service.shutdown();
        assertEquals(1, flusher.forces.get());
        assertEquals(10, flusher.flushedOffset());
    }
}
