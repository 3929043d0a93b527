package org.tidemq.broker.client;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consumer groups by name, with their members and subscriptions. Membership changes are reported to the
 * {@link ConsumerIdsChangeListener} so every member can rebalance. Thread-safe.
 */
public final class ConsumerRegistry {
    private final Map<String, ConsumerGroupInfo> groups = new ConcurrentHashMap<>();
    private final ConsumerIdsChangeListener listener;

    public ConsumerRegistry(ConsumerIdsChangeListener listener) {
        this.listener = listener;
    }

    /** Registers (or refreshes) a member of {@code data}'s group with its subscriptions. */
    public void register(ClientChannel client, ConsumerData data) {
        ConsumerGroupInfo group = groups.computeIfAbsent(data.groupName(), ConsumerGroupInfo::new);
        group.updateSubscriptions(data);
        if (group.updateChannel(client)) {
            listener.onChange(group);
        }
    }

    /** Removes one member (UNREGISTER_CLIENT). */
    public void unregister(String groupName, Channel channel) {
        ConsumerGroupInfo group = groups.get(groupName);
        if (group != null && group.removeChannel(channel)) {
            afterRemoval(group);
        }
    }

    /** Removes the channel from every group it was a member of (connection closed). */
    public void channelClosed(Channel channel) {
        for (ConsumerGroupInfo group : groups.values()) {
            if (group.removeChannel(channel)) {
                afterRemoval(group);
            }
        }
    }

    /** Removes members silent since before {@code deadlineMillis}; returns them (their channels should be closed). */
    public List<ClientChannel> evictSilentSince(long deadlineMillis) {
        List<ClientChannel> evicted = new ArrayList<>();
        for (ConsumerGroupInfo group : groups.values()) {
            List<ClientChannel> removed = group.removeSilentSince(deadlineMillis);
            if (!removed.isEmpty()) {
                evicted.addAll(removed);
                afterRemoval(group);
            }
        }
        return evicted;
    }

    /** The group's live info, or null when it has no members. */
    public ConsumerGroupInfo group(String groupName) {
        return groups.get(groupName);
    }

    /** The live connection of consumer {@code clientId} in {@code groupName}, or null when it is not online. */
    public ClientChannel findChannel(String groupName, String clientId) {
        ConsumerGroupInfo group = groups.get(groupName);
        return group == null ? null : group.member(clientId);
    }

    /** Names of the groups with a live member subscribed to {@code topic} (QUERY_TOPIC_CONSUME_BY_WHO). */
    public List<String> groupsSubscribedTo(String topic) {
        List<String> subscribed = new ArrayList<>();
        groups.forEach((name, group) -> {
            if (!group.isEmpty() && group.subscription(topic) != null) {
                subscribed.add(name);
            }
        });
        return subscribed;
    }

    /** The subscription the group registered for {@code topic}, or null. */
    public SubscriptionData subscription(String groupName, String topic) {
        ConsumerGroupInfo group = groups.get(groupName);
        return group == null ? null : group.subscription(topic);
    }

    private void afterRemoval(ConsumerGroupInfo group) {
        if (group.isEmpty()) {
            groups.remove(group.groupName(), group);
        }
        listener.onChange(group);
    }
}
