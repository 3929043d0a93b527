package org.tidemq.client.consumer.rebalance;

import org.tidemq.client.MessageQueue;

import java.util.List;

/**
 * Decides which queues of a topic one consumer of a clustering group reads. Every consumer of the group runs the
 * same strategy on the same inputs, so the strategy must be deterministic and the union of all consumers' shares must
 * be every queue exactly once.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface AllocationStrategy {

    /**
     * @param group           the consumer group (for strategies that hash it; most ignore it)
     * @param currentClientId this consumer's client id; must be one of {@code clientIds}
     * @param queues          all readable queues of the topic, sorted by topic, broker name, queue id
     * @param clientIds       every consumer id of the group, sorted lexicographically
     * @return this consumer's share, possibly empty
     * @throws IllegalArgumentException when {@code currentClientId} is not in {@code clientIds}
     */
    List<MessageQueue> allocate(String group, String currentClientId, List<MessageQueue> queues,
                                List<String> clientIds);

    /** The strategy's name as RocketMQ reports it ({@code AVG} for the average strategy). */
    String name();
}
