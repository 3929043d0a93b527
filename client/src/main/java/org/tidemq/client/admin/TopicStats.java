package org.tidemq.client.admin;

import org.tidemq.client.MessageQueue;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-queue offsets of a topic over all its brokers.
 *
 * @param queues queue → stats, sorted by broker name then queue id
 */
public record TopicStats(String topic, Map<MessageQueue, QueueStats> queues) {
    public TopicStats {
        TreeMap<MessageQueue, QueueStats> sorted = new TreeMap<>(AdminJson.QUEUE_ORDER);
        sorted.putAll(queues);
        queues = Collections.unmodifiableMap(sorted);
    }

    /** Sum of max offsets: messages ever written to the topic. */
    public long totalMaxOffset() {
        return queues.values().stream().mapToLong(QueueStats::maxOffset).sum();
    }
}
