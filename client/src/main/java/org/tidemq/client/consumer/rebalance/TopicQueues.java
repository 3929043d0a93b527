package org.tidemq.client.consumer.rebalance;

import org.tidemq.client.MessageQueue;

import java.util.List;

/**
 * What a consumer can read of one topic: its readable queues and the addresses of the brokers hosting them.
 *
 * @param queues           readable queues, any order
 * @param brokerAddresses  addresses ({@code ip:port}) of brokers hosting the topic; any one of them can list the
 *                         group's consumers
 */
public record TopicQueues(List<MessageQueue> queues, List<String> brokerAddresses) {
    public TopicQueues {
        queues = List.copyOf(queues);
        brokerAddresses = List.copyOf(brokerAddresses);
    }
}
