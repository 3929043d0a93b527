package org.tidemq.broker.client;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Producer groups by name and their live channels (the targets of transaction check-backs). Thread-safe. */
public final class ProducerRegistry {
    private final Map<String, Map<Channel, ClientChannel>> groups = new ConcurrentHashMap<>();

    public void register(String group, ClientChannel client) {
        groups.computeIfAbsent(group, name -> new ConcurrentHashMap<>()).put(client.channel(), client);
    }

    public void unregister(String group, Channel channel) {
        Map<Channel, ClientChannel> members = groups.get(group);
        if (members != null) {
            members.remove(channel);
            groups.computeIfPresent(group, (name, current) -> current.isEmpty() ? null : current);
        }
    }

    public void channelClosed(Channel channel) {
        for (String group : List.copyOf(groups.keySet())) {
            unregister(group, channel);
        }
    }

    /** Live channels of a producer group (empty when none). */
    public List<ClientChannel> members(String group) {
        Map<Channel, ClientChannel> members = groups.get(group);
        return members == null ? List.of() : List.copyOf(members.values());
    }

    /** Removes producers silent since before {@code deadlineMillis}; returns them. */
    public List<ClientChannel> evictSilentSince(long deadlineMillis) {
        List<ClientChannel> evicted = new ArrayList<>();
        for (Map<Channel, ClientChannel> members : groups.values()) {
            members.values().removeIf(client -> {
                if (client.lastUpdateMillis() < deadlineMillis) {
                    evicted.add(client);
                    return true;
                }
                return false;
            });
        }
        groups.values().removeIf(Map::isEmpty);
        return evicted;
    }
}
