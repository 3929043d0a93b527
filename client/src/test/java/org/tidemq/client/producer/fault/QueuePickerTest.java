package org.tidemq.client.producer.fault;

import org.junit.jupiter.api.Test;
import org.tidemq.client.MessageQueue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class QueuePickerTest {
    private static final List<MessageQueue> QUEUES = List.of(
            new MessageQueue("T", "broker-a", 0), new MessageQueue("T", "broker-a", 1),
            new MessageQueue("T", "broker-b", 0), new MessageQueue("T", "broker-b", 1));

    private final AtomicLong now = new AtomicLong();
    private final LatencyFaultTracker faults = new LatencyFaultTracker(now::get);
    private final QueuePicker picker = new QueuePicker(faults);

    @Test
    void roundRobinVisitsEveryQueueInTurn() {
        List<MessageQueue> picked = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            picked.add(picker.pick(QUEUES, null));
        }
        Map<MessageQueue, Integer> counts = new HashMap<>();
        picked.forEach(queue -> counts.merge(queue, 1, Integer::sum));
        assertEquals(Map.of(QUEUES.get(0), 2, QUEUES.get(1), 2, QUEUES.get(2), 2, QUEUES.get(3), 2), counts);
        for (int i = 1; i < picked.size(); i++) {
            assertEquals(QUEUES.get((QUEUES.indexOf(picked.get(i - 1)) + 1) % 4), picked.get(i), "consecutive");
        }
    }

    @Test
    void skipsQuarantinedBrokersUntilTheyRecover() {
        faults.record("broker-a", 0, true);
        for (int i = 0; i < 6; i++) {
            assertEquals("broker-b", picker.pick(QUEUES, null).brokerName());
        }
        now.addAndGet(LatencyFaultTracker.quarantineFor(LatencyFaultTracker.FAILURE_LATENCY_MILLIS));
        long brokerAPicks = java.util.stream.IntStream.range(0, 4)
                .filter(i -> picker.pick(QUEUES, null).brokerName().equals("broker-a")).count();
        assertEquals(2, brokerAPicks);
    }

    @Test
    void retryAvoidsTheBrokerThatJustFailed() {
        for (int i = 0; i < 6; i++) {
            assertNotEquals("broker-b", picker.pick(QUEUES, "broker-b").brokerName());
        }
    }

    @Test
    void stillPicksWhenEveryBrokerIsQuarantined() {
        faults.record("broker-a", 0, true);
        faults.record("broker-b", 0, true);
        assertEquals("broker-a", picker.pick(QUEUES, "broker-b").brokerName(), "prefers not the one that just failed");
        List<MessageQueue> single = List.of(new MessageQueue("S", "broker-a", 0));
        assertEquals(single.get(0), picker.pick(single, "broker-a"));
    }
}
