package org.tidemq.client.consumer.rebalance;

import org.tidemq.client.MessageQueue;

import java.util.ArrayList;
import java.util.List;

/**
 * Contiguous, near-equal shares: RocketMQ's {@code AllocateMessageQueueAveragely} (facts §9.4), reproduced exactly
 * so that TideMQ and official consumers in one group agree on who reads which queue. With {@code Q} queues and
 * {@code C} consumers the first {@code Q % C} consumers get one queue more; when {@code Q < C} the last consumers get
 * nothing.
 */
public final class AverageAllocation implements AllocationStrategy {

    @Override
    public List<MessageQueue> allocate(String group, String currentClientId, List<MessageQueue> queues,
                                       List<String> clientIds) {
        int index = clientIds.indexOf(currentClientId);
        if (index < 0) {
            throw new IllegalArgumentException("client " + currentClientId + " is not among the group's consumers "
                    + clientIds);
        }
        int queueCount = queues.size();
        int clientCount = clientIds.size();
        if (queueCount == 0) {
            return List.of();
        }
        int mod = queueCount % clientCount;
        boolean takesExtra = mod > 0 && index < mod;
        int shareSize = queueCount <= clientCount ? 1 : queueCount / clientCount + (takesExtra ? 1 : 0);
        int start = takesExtra ? index * shareSize : index * shareSize + mod;
        int range = Math.min(shareSize, queueCount - start);
        List<MessageQueue> share = new ArrayList<>(Math.max(range, 0));
        for (int i = 0; i < range; i++) {
            share.add(queues.get((start + i) % queueCount));
        }
        return share;
    }

    @Override
    public String name() {
        return "AVG";
    }
}
