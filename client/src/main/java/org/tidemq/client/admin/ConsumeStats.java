package org.tidemq.client.admin;

import org.tidemq.client.MessageQueue;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A consumer group's progress per queue, merged over brokers.
 *
 * @param queues     queue → progress, sorted by topic, broker name, queue id
 * @param consumeTps consumption rate summed over brokers
 */
public record ConsumeStats(String group, Map<MessageQueue, QueueConsumeStats> queues, double consumeTps) {
    public ConsumeStats {
        TreeMap<MessageQueue, QueueConsumeStats> sorted = new TreeMap<>(AdminJson.QUEUE_ORDER);
        sorted.putAll(queues);
        queues = Collections.unmodifiableMap(sorted);
    }

    /** Total lag: the sum over queues of {@code brokerOffset - consumerOffset} ({@code mqadmin}'s "Diff Total"). */
    public long diffTotal() {
        return queues.values().stream().mapToLong(QueueConsumeStats::lag).sum();
    }
}
