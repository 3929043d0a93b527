package org.tidemq.client.consumer.rebalance;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Lists the live consumers of a group as one broker sees them. Must be thread-safe. */
@FunctionalInterface
public interface ConsumerIdSource {
    /** The group's client ids registered at {@code brokerAddress}, any order; fails when the broker cannot answer. */
    CompletableFuture<List<String>> consumerIds(String brokerAddress, String group);
}
