package org.tidemq.client.consumer.push.internal;

import org.junit.jupiter.api.Test;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ReceivedMessage;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessQueueTest {
    private static final MessageQueue QUEUE = new MessageQueue("T", "broker-a", 0);

    @Test
    void committableOffsetIsLowestUnacknowledgedThenOnePastHighest() {
        ProcessQueue pq = new ProcessQueue(QUEUE, 1000, 1 << 20);
        assertEquals(-1, pq.committableOffset());
        List<ReceivedMessage> batch = messages(10, 5, "x");
        assertEquals(5, pq.add(batch));
        assertEquals(10, pq.committableOffset());

        // Out-of-order acknowledgement: 11 and 13 done, 10 still pending.
        assertEquals(10, pq.remove(List.of(batch.get(1), batch.get(3))));
        assertEquals(10, pq.remove(List.of(batch.get(4))));
        assertEquals(12, pq.remove(List.of(batch.get(0))));
        assertEquals(15, pq.remove(List.of(batch.get(2))));
        assertEquals(0, pq.cachedCount());
        assertEquals(0, pq.cachedBytes());
    }

    @Test
    void duplicateOffsetsAreIgnored() {
        ProcessQueue pq = new ProcessQueue(QUEUE, 1000, 1 << 20);
        pq.add(messages(0, 3, "ab"));
        assertEquals(1, pq.add(messages(2, 2, "ab")));
        assertEquals(4, pq.cachedCount());
        assertEquals(8, pq.cachedBytes());
    }

    @Test
    void pausesOverCountThresholdAndResumesOnceWhenDrained() {
        ProcessQueue pq = new ProcessQueue(QUEUE, 4, 1 << 20);
        List<ReceivedMessage> batch = messages(0, 4, "x");
        pq.add(batch.subList(0, 3));
        assertFalse(pq.pauseIfOverThreshold());
        assertFalse(pq.resumeIfDrained(), "never paused");
        pq.add(batch.subList(3, 4));
        assertTrue(pq.pauseIfOverThreshold());
        assertTrue(pq.isPaused());
        assertFalse(pq.resumeIfDrained(), "still full");
        pq.remove(List.of(batch.get(0)));
        assertTrue(pq.resumeIfDrained());
        assertFalse(pq.resumeIfDrained(), "resumed only once");
        assertFalse(pq.isPaused());
    }

    @Test
    void pausesOverSizeThreshold() {
        ProcessQueue pq = new ProcessQueue(QUEUE, 1000, 10);
        List<ReceivedMessage> batch = messages(0, 2, "12345");
        pq.add(batch.subList(0, 1));
        assertFalse(pq.pauseIfOverThreshold());
        pq.add(batch.subList(1, 2));
        assertTrue(pq.pauseIfOverThreshold());
        pq.remove(batch.subList(1, 2));
        assertTrue(pq.resumeIfDrained());
    }

    @Test
    void orderlyTakeCommitAndReturn() {
        ProcessQueue pq = new ProcessQueue(QUEUE, 1000, 1 << 20);
        pq.add(messages(20, 5, "x"));
        List<ReceivedMessage> first = pq.takeForOrderly(2);
        assertEquals(List.of(20L, 21L), offsets(first));
        assertEquals(20, pq.committableOffset(), "taken messages are not yet acknowledged");
        pq.returnTaken();
        assertEquals(List.of(20L, 21L, 22L), offsets(pq.takeForOrderly(3)), "returned messages come first again");
        assertEquals(23, pq.commitTaken());
        assertEquals(List.of(23L, 24L), offsets(pq.takeForOrderly(10)));
        assertEquals(25, pq.commitTaken());
        assertEquals(List.of(), pq.takeForOrderly(1));
    }

    @Test
    void clearForgetsMessagesAndRestartsAtTheResetOffset() {
        ProcessQueue pq = new ProcessQueue(QUEUE, 1000, 1 << 20);
        pq.add(messages(0, 3, "x"));
        pq.clear(100);
        assertEquals(0, pq.cachedCount());
        assertEquals(100, pq.committableOffset());
    }

    private static List<ReceivedMessage> messages(long from, int count, String body) {
        List<ReceivedMessage> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(TestMessages.received("T", 0, from + i, body));
        }
        return list;
    }

    private static List<Long> offsets(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::queueOffset).toList();
    }
}
