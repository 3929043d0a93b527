package org.tidemq.client.route;

import org.tidemq.client.MessageQueue;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.QueueData;
import org.tidemq.common.protocol.TopicRouteData;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where a consumer may read a topic (facts §9.9): every readable queue ({@code readQueueNums} of each broker name
 * with READ permission, slave-only broker names included), sorted by broker name then queue id, and every member
 * address of the brokers serving the topic.
 *
 * @param topic       the topic
 * @param queues      readable queues, sorted (broker name, queue id)
 * @param brokerAddrs broker name → (broker id → {@code ip:port}), ascending ids; 0 is the master
 */
public record SubscribeRoute(String topic, List<MessageQueue> queues,
                             Map<String, SortedMap<Long, String>> brokerAddrs) {

    public SubscribeRoute {
        queues = List.copyOf(queues);
        Map<String, SortedMap<Long, String>> copy = new TreeMap<>();
        brokerAddrs.forEach((name, addrs) -> copy.put(name, Collections.unmodifiableSortedMap(new TreeMap<>(addrs))));
        brokerAddrs = Collections.unmodifiableMap(copy);
    }

    public static SubscribeRoute of(String topic, TopicRouteData route) {
        Map<String, SortedMap<Long, String>> addrs = new TreeMap<>();
        for (BrokerData brokerData : route.brokerDatas()) {
            if (!brokerData.brokerAddrs().isEmpty()) {
                addrs.put(brokerData.brokerName(), brokerData.brokerAddrs());
            }
        }
        List<QueueData> queueDatas = new ArrayList<>(route.queueDatas());
        queueDatas.sort(Comparator.comparing(QueueData::brokerName));
        List<MessageQueue> queues = new ArrayList<>();
        for (QueueData queueData : queueDatas) {
            if (!Perm.isReadable(queueData.perm()) || !addrs.containsKey(queueData.brokerName())) {
                continue;
            }
            for (int queueId = 0; queueId < queueData.readQueueNums(); queueId++) {
                queues.add(new MessageQueue(topic, queueData.brokerName(), queueId));
            }
        }
        return new SubscribeRoute(topic, queues, addrs);
    }

    /** The master address of {@code brokerName}, or {@code null} when it has none (or is not in the route). */
    public String masterAddr(String brokerName) {
        SortedMap<Long, String> addrs = brokerAddrs.get(brokerName);
        return addrs == null ? null : addrs.get(BrokerData.MASTER_ID);
    }

    /**
     * The address to read {@code brokerName} from, preferring {@code brokerId} (a broker's suggestion, facts §9.8),
     * then the master, then any member; {@code null} when the broker name is unknown.
     */
    public String readAddr(String brokerName, long brokerId) {
        SortedMap<Long, String> addrs = brokerAddrs.get(brokerName);
        if (addrs == null || addrs.isEmpty()) {
            return null;
        }
        String preferred = addrs.get(brokerId);
        if (preferred != null) {
            return preferred;
        }
        String master = addrs.get(BrokerData.MASTER_ID);
        return master != null ? master : addrs.get(addrs.firstKey());
    }

    /** Every member address of every broker name of the topic, sorted. */
    public List<String> allBrokerAddrs() {
        TreeSet<String> all = new TreeSet<>();
        brokerAddrs.values().forEach(addrs -> all.addAll(addrs.values()));
        return List.copyOf(all);
    }

    /** The readable queues hosted by {@code brokerName}. */
    public List<MessageQueue> queuesOf(String brokerName) {
        return queues.stream().filter(queue -> queue.brokerName().equals(brokerName)).toList();
    }
}
