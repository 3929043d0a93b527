package org.tidemq.client.consumer.internal;

import org.tidemq.client.MessageQueue;
import org.tidemq.client.consumer.ConsumerException;
import org.tidemq.client.consumer.MessageModel;
import org.tidemq.client.consumer.rebalance.AllocationStrategy;
import org.tidemq.client.consumer.rebalance.ConsumerIdSource;
import org.tidemq.client.route.SubscribeRoute;
import org.tidemq.client.route.SubscribeRouteCache;

import java.util.ArrayList;
import java.util.List;

/**
 * This consumer's share of a subscribed topic's queues (facts §9.4): every readable queue when broadcasting; when
 * clustering, the allocation strategy over the sorted queues and the sorted consumer ids one broker of the topic
 * lists (GET_CONSUMER_LIST_BY_GROUP). Blocks the calling thread for the lookups.
 *
 * <p>Thread-safe.
 */
final class QueueShare {
    private final SubscribeRouteCache routes;
    private final ConsumerIdSource consumerIds;
    private final AllocationStrategy allocation;
    private final String group;
    private final String clientId;
    private final MessageModel messageModel;
    private final long waitMillis;

    QueueShare(SubscribeRouteCache routes, ConsumerIdSource consumerIds, AllocationStrategy allocation, String group,
               String clientId, MessageModel messageModel, long waitMillis) {
        this.routes = routes;
        this.consumerIds = consumerIds;
        this.allocation = allocation;
        this.group = group;
        this.clientId = clientId;
        this.messageModel = messageModel;
        this.waitMillis = waitMillis;
    }

    /**
     * @throws ConsumerException when the route or the consumer list cannot be read, or the broker does not list this
     *                           consumer yet (its heartbeat has not arrived)
     */
    List<MessageQueue> of(String topic) {
        SubscribeRoute route = Blocking.await(routes.route(topic), waitMillis, "route lookup of " + topic);
        if (messageModel == MessageModel.BROADCASTING) {
            return route.queues();
        }
        String address = anyBrokerOf(route);
        List<String> ids = new ArrayList<>(Blocking.await(consumerIds.consumerIds(address, group), waitMillis,
                "consumer list of " + group));
        if (!ids.contains(clientId)) {
            throw new ConsumerException("broker " + address + " does not list this consumer (" + clientId
                    + ") in group " + group + " yet", ConsumerException.NO_RESPONSE);
        }
        ids.sort(null);
        return allocation.allocate(group, clientId, route.queues(), ids);
    }

    /** A master of the topic (all brokers should list the same consumers, facts §13.10), else any member. */
    private static String anyBrokerOf(SubscribeRoute route) {
        for (String brokerName : route.brokerAddrs().keySet()) {
            String master = route.masterAddr(brokerName);
            if (master != null) {
                return master;
            }
        }
        List<String> all = route.allBrokerAddrs();
        if (all.isEmpty()) {
            throw new ConsumerException("topic " + route.topic() + " has no broker address",
                    ConsumerException.NO_RESPONSE);
        }
        return all.get(0);
    }
}
