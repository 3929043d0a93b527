package org.tidemq.client.consumer.rebalance;

import org.tidemq.client.MessageQueue;

import java.util.Set;

/**
 * Told by the {@link Rebalancer} when this consumer's share of queues changes. Calls for one rebalancer never
 * overlap; a queue is always removed before it is added again.
 */
public interface AssignmentListener {

    /** Start reading {@code queues} (newly assigned). */
    void queuesAdded(String topic, Set<MessageQueue> queues);

    /** Stop reading {@code queues} (assigned elsewhere, gone from the route, or the topic was unsubscribed). */
    void queuesRemoved(String topic, Set<MessageQueue> queues);
}
