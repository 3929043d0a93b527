package org.tidemq.client.route;

import org.tidemq.client.MessageQueue;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.QueueData;
import org.tidemq.common.protocol.TopicRouteData;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a producer may write a topic: the writable queues of broker names that have a master (facts §9.9), in a
 * stable order (broker name, then queue id), and each broker name's master address.
 *
 * @param topic          the topic
 * @param queues         writable queues; empty when no broker name is publishable
 * @param masterAddrs    broker name → master {@code ip:port}, for every broker name in {@code queues}
 * @param fromTemplate   true when derived from the auto-create template topic (TBW102) because the topic had no route
 */
public record PublishRoute(String topic, List<MessageQueue> queues, Map<String, String> masterAddrs,
                           boolean fromTemplate) {

    public PublishRoute {
        queues = List.copyOf(queues);
        masterAddrs = Map.copyOf(masterAddrs);
    }

    /** The publishable part of {@code route}; {@code orderTopicConf}, when present, decides the queue counts. */
    public static PublishRoute of(String topic, TopicRouteData route) {
        Map<String, String> masters = masters(route);
        List<MessageQueue> queues = new ArrayList<>();
        Map<String, String> usedMasters = new HashMap<>();
        Map<String, Integer> orderConf = parseOrderTopicConf(route.orderTopicConf());
        if (!orderConf.isEmpty()) {
            orderConf.forEach((brokerName, count) -> {
                for (int queueId = 0; queueId < count; queueId++) {
                    queues.add(new MessageQueue(topic, brokerName, queueId));
                }
                if (masters.containsKey(brokerName)) {
                    usedMasters.put(brokerName, masters.get(brokerName));
                }
            });
            queues.removeIf(queue -> !masters.containsKey(queue.brokerName()));
            return new PublishRoute(topic, queues, usedMasters, false);
        }
        List<QueueData> queueDatas = new ArrayList<>(route.queueDatas());
        queueDatas.sort(Comparator.comparing(QueueData::brokerName));
        for (QueueData queueData : queueDatas) {
            String master = masters.get(queueData.brokerName());
            if (!Perm.isWriteable(queueData.perm()) || master == null) {
                continue;
            }
            usedMasters.put(queueData.brokerName(), master);
            for (int queueId = 0; queueId < queueData.writeQueueNums(); queueId++) {
                queues.add(new MessageQueue(topic, queueData.brokerName(), queueId));
            }
        }
        return new PublishRoute(topic, queues, usedMasters, false);
    }

    /**
     * The route to use for a topic that has none yet (facts §9.3): the template topic's brokers, each with
     * {@code min(defaultQueueNums, template readQueueNums)} queues. The broker creates the topic on first write.
     */
    public static PublishRoute fromTemplate(String topic, TopicRouteData templateRoute, int defaultQueueNums) {
        List<QueueData> narrowed = new ArrayList<>();
        for (QueueData queueData : templateRoute.queueDatas()) {
            int queueNums = Math.min(defaultQueueNums, queueData.readQueueNums());
            narrowed.add(new QueueData(queueData.brokerName(), queueNums, queueNums, queueData.perm(),
                    queueData.topicSysFlag()));
        }
        PublishRoute derived = of(topic, new TopicRouteData(null, narrowed, templateRoute.brokerDatas(), null));
        return new PublishRoute(topic, derived.queues, derived.masterAddrs, true);
    }

    /** The master address of {@code brokerName}, or {@code null}. */
    public String masterAddr(String brokerName) {
        return masterAddrs.get(brokerName);
    }

    public boolean isEmpty() {
        return queues.isEmpty();
    }

    private static Map<String, String> masters(TopicRouteData route) {
        Map<String, String> masters = new HashMap<>();
        for (BrokerData brokerData : route.brokerDatas()) {
            String master = brokerData.masterAddr();
            if (master != null && !master.isBlank()) {
                masters.put(brokerData.brokerName(), master);
            }
        }
        return masters;
    }

    /** {@code brokerName:queueNums;…}; malformed entries are skipped as the Java client does. */
    private static Map<String, Integer> parseOrderTopicConf(String conf) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (conf == null || conf.isBlank()) {
            return counts;
        }
        for (String entry : conf.split(";")) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            try {
                counts.put(entry.substring(0, colon).trim(), Integer.parseInt(entry.substring(colon + 1).trim()));
            } catch (NumberFormatException e) {
                // A malformed count leaves that broker out, as RocketMQ's client does.
            }
        }
        return counts;
    }
}
