package org.tidemq.broker.topic;

import java.util.ArrayList;
import java.util.List;
import org.tidemq.broker.config.TopicGroupConfig;
import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicNames;

/** The topics a RocketMQ broker creates at start (5.2.0 {@code TopicConfigManager} constructor; facts §4.10). */
public final class SystemTopics {
    /** Queues of SCHEDULE_TOPIC_XXXX: one per delay level. */
    public static final int SCHEDULE_TOPIC_QUEUE_NUMS = 18;
    public static final int BENCHMARK_TOPIC_QUEUE_NUMS = 1024;
    public static final String REPLY_TOPIC_SUFFIX = "_REPLY_TOPIC";

    private SystemTopics() {
    }

    /** The stock topics of a broker named {@code brokerName} in {@code clusterName}, in creation order. */
    public static List<TopicConfig> create(String clusterName, String brokerName, TopicGroupConfig topics) {
        List<TopicConfig> result = new ArrayList<>();
        result.add(new TopicConfig(TopicNames.SELF_TEST_TOPIC, 1, 1, Perm.READ_WRITE));
        if (topics.autoCreateTopicEnable()) {
            result.add(new TopicConfig(TopicNames.AUTO_CREATE_TOPIC_KEY, topics.defaultTopicQueueNums(),
                    topics.defaultTopicQueueNums(), Perm.INHERIT | Perm.READ_WRITE));
        }
        result.add(new TopicConfig(TopicNames.BENCHMARK_TOPIC, BENCHMARK_TOPIC_QUEUE_NUMS, BENCHMARK_TOPIC_QUEUE_NUMS,
                Perm.READ_WRITE));
        // Cluster and broker names are always registered as topics (clients route "send to this broker" through
        // them); the enable flags only decide whether they are readable and writable.
        result.add(new TopicConfig(clusterName, TopicConfig.DEFAULT_QUEUE_NUMS, TopicConfig.DEFAULT_QUEUE_NUMS,
                Perm.INHERIT | (topics.clusterTopicEnable() ? Perm.READ_WRITE : 0)));
        result.add(new TopicConfig(brokerName, 1, 1,
                Perm.INHERIT | (topics.brokerTopicEnable() ? Perm.READ_WRITE : 0)));
        result.add(new TopicConfig(TopicNames.OFFSET_MOVED_EVENT, 1, 1, Perm.READ_WRITE));
        result.add(new TopicConfig(TopicNames.SCHEDULE_TOPIC, SCHEDULE_TOPIC_QUEUE_NUMS, SCHEDULE_TOPIC_QUEUE_NUMS,
                Perm.READ_WRITE));
        if (topics.traceTopicEnable()) {
            result.add(new TopicConfig(topics.msgTraceTopicName(), 1, 1, Perm.READ_WRITE));
        }
        result.add(new TopicConfig(clusterName + REPLY_TOPIC_SUFFIX, 1, 1, Perm.READ_WRITE));
        result.add(new TopicConfig(TopicNames.TRANS_HALF_TOPIC, 1, 1, Perm.READ_WRITE));
        result.add(new TopicConfig(TopicNames.TRANS_OP_HALF_TOPIC, 1, 1, Perm.READ_WRITE));
        return result;
    }
}
