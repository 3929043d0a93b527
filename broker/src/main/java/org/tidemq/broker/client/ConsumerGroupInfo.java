package org.tidemq.broker.client;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The live members of one consumer group and the subscriptions they last announced. Thread-safe: every method
 * synchronises on the instance.
 */
public final class ConsumerGroupInfo {
    private final String groupName;
    private final Map<Channel, ClientChannel> channels = new LinkedHashMap<>();
    private final Map<String, SubscriptionData> subscriptions = new HashMap<>();
    private ConsumerData lastAnnounced;

    ConsumerGroupInfo(String groupName) {
        this.groupName = groupName;
    }

    public String groupName() {
        return groupName;
    }

    /** Adds or refreshes a member; true when the set of client ids changed. */
    synchronized boolean updateChannel(ClientChannel client) {
        ClientChannel previous = channels.put(client.channel(), client);
        return previous == null || !previous.clientId().equals(client.clientId());
    }

    /**
     * Takes the subscriptions a member announced: new or newer versions replace the stored ones, topics no member
     * announces any more are dropped (RocketMQ keeps the group's latest view).
     */
    synchronized void updateSubscriptions(ConsumerData data) {
        lastAnnounced = data;
        Map<String, SubscriptionData> announced = new HashMap<>();
        for (SubscriptionData subscription : data.subscriptions()) {
            announced.put(subscription.topic(), subscription);
            SubscriptionData current = subscriptions.get(subscription.topic());
            if (current == null || subscription.subVersion() > current.subVersion()) {
                subscriptions.put(subscription.topic(), subscription);
            }
        }
        subscriptions.keySet().retainAll(announced.keySet());
    }

    /** Removes a member; true when it was one. */
    synchronized boolean removeChannel(Channel channel) {
        return channels.remove(channel) != null;
    }

    /** Removes every member whose last heartbeat is older than {@code deadlineMillis}; returns them. */
    synchronized List<ClientChannel> removeSilentSince(long deadlineMillis) {
        List<ClientChannel> removed = new ArrayList<>();
        channels.values().removeIf(client -> {
            if (client.lastUpdateMillis() < deadlineMillis) {
                removed.add(client);
                return true;
            }
            return false;
        });
        return removed;
    }

    public synchronized SubscriptionData subscription(String topic) {
        return subscriptions.get(topic);
    }

    public synchronized boolean isEmpty() {
        return channels.isEmpty();
    }

    /** Client ids of the members, sorted (clients allocate queues by position in this list). */
    public synchronized List<String> clientIds() {
        TreeSet<String> ids = new TreeSet<>();
        for (ClientChannel client : channels.values()) {
            ids.add(client.clientId());
        }
        return List.copyOf(ids);
    }

    /** The member with {@code clientId}, or null (the latest registered one if several channels share the id). */
    public synchronized ClientChannel member(String clientId) {
        ClientChannel found = null;
        for (ClientChannel client : channels.values()) {
            if (client.clientId().equals(clientId)) {
                found = client;
            }
        }
        return found;
    }

    /** The members with their connections, in registration order. */
    public synchronized List<ClientChannel> members() {
        return List.copyOf(channels.values());
    }

    /** The group's current subscriptions, sorted by topic. */
    public synchronized List<SubscriptionData> subscriptions() {
        return subscriptions.values().stream().sorted(Comparator.comparing(SubscriptionData::topic))
                .toList();
    }

    public synchronized List<Channel> channels() {
        return List.copyOf(channels.keySet());
    }

    /** The consumer data of the latest heartbeat, or null. */
    public synchronized ConsumerData lastAnnounced() {
        return lastAnnounced;
    }
}
