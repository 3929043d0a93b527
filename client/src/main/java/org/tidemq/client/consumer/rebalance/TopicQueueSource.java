package org.tidemq.client.consumer.rebalance;

import java.util.concurrent.CompletableFuture;

/** Where the {@link Rebalancer} learns a topic's queues (normally the subscribe route). Must be thread-safe. */
@FunctionalInterface
public interface TopicQueueSource {
    /** The topic's readable queues; fails when the route is unknown or unreachable. */
    CompletableFuture<TopicQueues> queues(String topic);
}
