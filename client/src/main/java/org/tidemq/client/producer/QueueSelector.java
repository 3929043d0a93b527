package org.tidemq.client.producer;

import org.tidemq.client.MessageQueue;

import java.util.List;
import java.util.Objects;

/**
 * Chooses the queue for an ordered send. Messages that must stay in order go to the same queue, so a selector must be
 * deterministic for a given queue list and message.
 *
 * <p>Implementations must be thread-safe; they run on the sending thread (sync sends) or a network thread (async).
 */
@FunctionalInterface
public interface QueueSelector {

    /**
     * @param queues the topic's writable queues, in route order (by broker name, then queue id); never empty
     * @param message the message being sent
     * @return one of {@code queues}
     */
    MessageQueue select(List<MessageQueue> queues, Message message);

    /** Same key, same queue (while the route is unchanged): {@code floorMod(key.hashCode(), queueCount)}. */
    static QueueSelector byShardingKey(String key) {
        Objects.requireNonNull(key, "sharding key");
        return (queues, message) -> queues.get(Math.floorMod(key.hashCode(), queues.size()));
    }
}
