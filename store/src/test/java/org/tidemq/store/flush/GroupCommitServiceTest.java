package org.tidemq.store.flush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tidemq.store.PutMessageStatus;
import org.tidemq.store.testutil.ManualClock;

class GroupCommitServiceTest {

    private final ManualClock clock = new ManualClock(10_000);
    private final FakeFlusher flusher = new FakeFlusher();
    private final AtomicLong flushedTimestamp = new AtomicLong();
    private final GroupCommitService service = new GroupCommitService(flusher, clock, flushedTimestamp::set, 5_000);

    @Test
    void concurrentWritersShareOneForce() {
        List<CompletableFuture<PutMessageStatus>> waiting = new ArrayList<>();
        for (int i = 1; i <= 64; i++) {
            flusher.write(1000, 10_000 + i);
            waiting.add(service.awaitDurable(flusher.writtenOffset(), true));
        }
        assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone), "nobody is acknowledged before a force");
        assertEquals(0, service.visibleOffset(), "nothing visible before the force");

        service.runOnce();

        assertEquals(1, flusher.forces.get(), "one force for 64 writers");
        assertEquals(0, flusher.lastLeastPages.get());
        waiting.forEach(f -> assertEquals(PutMessageStatus.PUT_OK, f.getNow(null)));
        assertEquals(64_000, service.visibleOffset());
        assertEquals(10_064, flushedTimestamp.get());
        assertEquals(0, service.waitingCount());
    }

    @Test
    void aForceCoversOnlyWhatWasWrittenBeforeIt() {
        flusher.write(100, 1);
        CompletableFuture<PutMessageStatus> first = service.awaitDurable(100, true);
        service.runOnce();
        flusher.write(100, 2);
        CompletableFuture<PutMessageStatus> second = service.awaitDurable(200, true);
        assertEquals(PutMessageStatus.PUT_OK, first.getNow(null));
        assertFalse(second.isDone());
        service.runOnce();
        assertEquals(PutMessageStatus.PUT_OK, second.getNow(null));
        assertEquals(2, flusher.forces.get());
        service.runOnce();
        assertEquals(2, flusher.forces.get(), "no force when nothing is dirty");
    }

    @Test
    void aWriterNotCoveredWithinTheTimeoutGetsFlushDiskTimeout() {
        flusher.stuck = true;
        flusher.write(100, 1);
        CompletableFuture<PutMessageStatus> waiting = service.awaitDurable(100, true);
        service.runOnce();
        clock.advance(4_999);
        service.expireOverdue();
        assertFalse(waiting.isDone(), "still within syncFlushTimeout");
        clock.advance(1);
        service.expireOverdue();
        assertEquals(PutMessageStatus.FLUSH_DISK_TIMEOUT, waiting.getNow(null));
        assertEquals(0, service.waitingCount());
    }

    @Test
    void aWriterThatDoesNotWaitIsAcknowledgedAtOnceAndAlreadyFlushedOffsetsToo() {
        flusher.write(100, 1);
        assertEquals(PutMessageStatus.PUT_OK, service.awaitDurable(100, false).getNow(null));
        assertEquals(0, service.waitingCount());
        service.runOnce();
        assertEquals(PutMessageStatus.PUT_OK, service.awaitDurable(100, true).getNow(null));
    }

    @Test
    void shutdownForcesAndReleasesEveryWaiter() {
        flusher.write(100, 1);
        CompletableFuture<PutMessageStatus> waiting = service.awaitDurable(100, true);
        service.shutdown();
        assertEquals(PutMessageStatus.PUT_OK, waiting.getNow(null));
        assertEquals(1, flusher.forces.get());
    }
}
