package org.tidemq.client.consumer.rebalance;

import org.apache.rocketmq.client.consumer.rebalance.AllocateMessageQueueAveragely;
import org.junit.jupiter.api.Test;
import org.tidemq.client.MessageQueue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AverageAllocationTest {
    private final AverageAllocation allocation = new AverageAllocation();
    private final AllocateMessageQueueAveragely official = new AllocateMessageQueueAveragely();

    @Test
    void matchesOfficialStrategyForEveryShapeUpToTwentyQueuesAndNineConsumers() {
        int compared = 0;
        for (int brokers = 1; brokers <= 2; brokers++) {
            for (int perBroker = 1; perBroker <= 10; perBroker++) {
                List<MessageQueue> queues = queues(brokers, perBroker);
                for (int consumers = 1; consumers <= 9; consumers++) {
                    List<String> ids = clientIds(consumers);
                    Set<MessageQueue> union = new HashSet<>();
                    int total = 0;
                    for (String id : ids) {
                        List<MessageQueue> ours = allocation.allocate("G", id, queues, ids);
                        List<MessageQueue> theirs = official.allocate("G", id, toOfficial(queues), ids).stream()
                                .map(q -> new MessageQueue(q.getTopic(), q.getBrokerName(), q.getQueueId()))
                                .toList();
                        assertEquals(theirs, ours, brokers + "x" + perBroker + " queues, " + consumers
                                + " consumers, client " + id);
                        union.addAll(ours);
                        total += ours.size();
                        compared++;
                    }
                    assertEquals(queues.size(), total, "every queue assigned exactly once");
                    assertEquals(new HashSet<>(queues), union);
                }
            }
        }
        assertTrue(compared > 500, "compared " + compared);
    }

    @Test
    void firstConsumersGetTheRemainder() {
        List<MessageQueue> queues = queues(1, 8);
        List<String> ids = clientIds(3);
        assertEquals(queues.subList(0, 3), allocation.allocate("G", ids.get(0), queues, ids));
        assertEquals(queues.subList(3, 6), allocation.allocate("G", ids.get(1), queues, ids));
        assertEquals(queues.subList(6, 8), allocation.allocate("G", ids.get(2), queues, ids));
    }

    @Test
    void noQueuesMeansNoShare() {
        List<String> ids = clientIds(2);
        assertEquals(List.of(), allocation.allocate("G", ids.get(1), List.of(), ids));
    }

    @Test
    void unknownClientIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> allocation.allocate("G", "stranger", queues(1, 4), clientIds(2)));
        assertTrue(error.getMessage().contains("stranger"));
    }

    private static List<MessageQueue> queues(int brokers, int perBroker) {
        List<MessageQueue> queues = new ArrayList<>();
        for (int b = 0; b < brokers; b++) {
            for (int q = 0; q < perBroker; q++) {
                queues.add(new MessageQueue("T", "broker-" + (char) ('a' + b), q));
            }
        }
        return queues;
    }

    private static List<String> clientIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("10.0.0." + i + "@" + (100 + i));
        }
        ids.sort(null);
        return ids;
    }

    private static List<org.apache.rocketmq.common.message.MessageQueue> toOfficial(List<MessageQueue> queues) {
        return queues.stream()
                .map(q -> new org.apache.rocketmq.common.message.MessageQueue(q.topic(), q.brokerName(), q.queueId()))
                .toList();
    }
}
