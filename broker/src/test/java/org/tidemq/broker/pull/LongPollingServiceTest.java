package org.tidemq.broker.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;

/** Long polling with a hand-driven clock and queue heads: no threads, no sleeps. */
class LongPollingServiceTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final Map<String, Long> maxOffsets = new ConcurrentHashMap<>();
    private final List<ParkedPull> resumed = new CopyOnWriteArrayList<>();
    private final LongPollingService service = new LongPollingService(
            (topic, queueId) -> maxOffsets.getOrDefault(topic + queueId, 0L), now::get, resumed::add);

    private ParkedPull pull(String topic, int queueId, long offset, long holdMs) {
        return new ParkedPull(null, RemotingCommand.request(RequestCode.PULL_MESSAGE), topic, queueId, offset,
                now.get() + holdMs, new CompletableFuture<>());
    }

    @Test
    void arrivalWakesOnlyPullsOfThatQueueWaitingBelowTheNewMax() {
        ParkedPull waitingAt3 = pull("T", 0, 3, 15_000);
        ParkedPull waitingAt5 = pull("T", 0, 5, 15_000);
        ParkedPull otherQueue = pull("T", 1, 3, 15_000);
        service.park(waitingAt3);
        service.park(waitingAt5);
        service.park(otherQueue);

        service.notifyMessageArriving("T", 0, 4);

        assertEquals(List.of(waitingAt3), resumed);
        assertEquals(2, service.parkedCount());
        service.notifyMessageArriving("T", 0, 4);
        assertEquals(1, resumed.size(), "a pull is resumed once");
    }

    @Test
    void holdExpiryIsAnsweredByTheChecker() {
        ParkedPull shortHold = pull("T", 0, 0, 1_000);
        ParkedPull longHold = pull("T", 0, 0, 15_000);
        service.park(shortHold);
        service.park(longHold);

        service.checkHolds();
        assertTrue(resumed.isEmpty(), "nothing is due yet");

        now.addAndGet(1_000);
        service.checkHolds();
        assertEquals(List.of(shortHold), resumed);

        now.addAndGet(14_000);
        service.checkHolds();
        assertEquals(List.of(shortHold, longHold), resumed);
        assertEquals(0, service.parkedCount());
    }

    @Test
    void aMessageThatArrivedBeforeParkingWakesThePullAtOnce() {
        maxOffsets.put("T0", 1L);

        service.park(pull("T", 0, 0, 15_000));

        assertEquals(1, resumed.size());
        assertEquals(0, service.parkedCount());
    }

    @Test
    void checkerAlsoWakesPullsWhoseQueueGrewWithoutANotification() {
        ParkedPull parked = pull("T", 0, 0, 15_000);
        service.park(parked);
        maxOffsets.put("T0", 2L);

        service.checkHolds();

        assertEquals(List.of(parked), resumed);
    }

    @Test
    void shutdownAnswersEveryParkedPull() {
        service.park(pull("T", 0, 0, 15_000));
        service.park(pull("U", 2, 7, 15_000));

        service.shutdown();

        assertEquals(2, resumed.size());
        assertEquals(0, service.parkedCount());
    }
}
