package org.tidemq.client.admin;

import java.util.List;
import java.util.Map;

/**
 * GET_CONSUMER_CONNECTION_LIST: the live consumers of a group on one broker and what they registered.
 *
 * @param consumeType      {@code CONSUME_ACTIVELY} (pull) or {@code CONSUME_PASSIVELY} (push)
 * @param messageModel     {@code CLUSTERING} or {@code BROADCASTING}
 * @param consumeFromWhere e.g. {@code CONSUME_FROM_LAST_OFFSET}
 * @param subscriptions    topic → subscription
 */
public record ConsumerConnection(List<Connection> connections, String consumeType, String messageModel,
                                 String consumeFromWhere, Map<String, SubscriptionInfo> subscriptions) {
    public ConsumerConnection {
        connections = List.copyOf(connections);
        subscriptions = Map.copyOf(subscriptions);
    }
}
