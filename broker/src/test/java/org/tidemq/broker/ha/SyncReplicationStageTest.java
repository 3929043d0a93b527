package org.tidemq.broker.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tidemq.broker.ha.master.SyncReplicationStage;
import org.tidemq.store.PutMessageStatus;

/** The SYNC_MASTER stage against a scripted slave and a hand-driven clock. */
class SyncReplicationStageTest {
    private static final long GAP = 1_000;
    private static final long TIMEOUT_MS = 3_000;

    private final AtomicLong connectedAck = new AtomicLong(-1);
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final SyncReplicationStage stage = new SyncReplicationStage(connectedAck::get, wakeUps::incrementAndGet,
            GAP, TIMEOUT_MS, now::get);

    @Test
    void noConnectedSlaveMeansSlaveNotAvailableAtOnce() {
        CompletableFuture<PutMessageStatus> future = stage.awaitDurable(500, true);
        assertEquals(PutMessageStatus.SLAVE_NOT_AVAILABLE, future.getNow(null));
        assertEquals(1, wakeUps.get(), "the transfer is nudged anyway");
    }

    @Test
    void aSlaveFurtherBehindThanTheGapIsNotInSync() {
        connectedAck.set(100);
        assertEquals(PutMessageStatus.SLAVE_NOT_AVAILABLE, stage.awaitDurable(100 + GAP, true).getNow(null));
        CompletableFuture<PutMessageStatus> withinGap = stage.awaitDurable(100 + GAP - 1, true);
        assertFalse(withinGap.isDone(), "one byte less behind is in sync and waits");
    }

    @Test
    void anAppendCompletesOnlyOnceASlaveAcknowledgesItsEnd() {
        connectedAck.set(0);
        CompletableFuture<PutMessageStatus> first = stage.awaitDurable(300, true);
        CompletableFuture<PutMessageStatus> second = stage.awaitDurable(600, true);
        assertFalse(first.isDone());

        stage.onAck(299);
        assertFalse(first.isDone(), "one byte short does not cover it");
        stage.onAck(300);
        assertEquals(PutMessageStatus.PUT_OK, first.getNow(null));
        assertFalse(second.isDone());
        stage.onAck(1_000);
        assertEquals(PutMessageStatus.PUT_OK, second.getNow(null));
        assertEquals(0, stage.pendingCount());
    }

    @Test
    void anAppendAlreadyCoveredCompletesAtOnce() {
        connectedAck.set(0);
        stage.onAck(800);
        connectedAck.set(800);
        assertEquals(PutMessageStatus.PUT_OK, stage.awaitDurable(800, true).getNow(null));
    }

    @Test
    void withoutAnAckTheAppendTimesOutAfterTheTimeoutAndNotBefore() {
        connectedAck.set(0);
        CompletableFuture<PutMessageStatus> future = stage.awaitDurable(300, true);
        now.addAndGet(TIMEOUT_MS - 1);
        assertEquals(0, stage.expireOverdue());
        assertFalse(future.isDone(), "negative control: not yet overdue");
        now.addAndGet(1);
        assertEquals(1, stage.expireOverdue());
        assertEquals(PutMessageStatus.FLUSH_SLAVE_TIMEOUT, future.getNow(null));
        stage.onAck(300);
        assertEquals(PutMessageStatus.FLUSH_SLAVE_TIMEOUT, future.getNow(null), "a late ack changes nothing");
    }

    @Test
    void aProducerThatDoesNotWaitIsAnsweredAtOnce() {
        assertEquals(PutMessageStatus.PUT_OK, stage.awaitDurable(300, false).getNow(null));
    }

    @Test
    void closeTimesOutEveryWaiter() {
        connectedAck.set(0);
        CompletableFuture<PutMessageStatus> future = stage.awaitDurable(300, true);
        stage.close();
        assertEquals(PutMessageStatus.FLUSH_SLAVE_TIMEOUT, future.getNow(null));
        assertTrue(stage.awaitDurable(400, true).isDone());
    }
}
