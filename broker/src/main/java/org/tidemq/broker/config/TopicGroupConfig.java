package org.tidemq.broker.config;

import org.tidemq.common.protocol.TopicNames;

/**
 * Which topics and subscription groups exist without an admin creating them.
 *
 * @param autoCreateTopicEnable       create TBW102 and let producers auto-create topics from it
 * @param autoCreateSubscriptionGroup create unknown consumer groups on first use
 * @param defaultTopicQueueNums       queues of TBW102, hence the most an auto-created topic gets
 * @param clusterTopicEnable          the cluster-name topic is readable and writable (else inherit-only)
 * @param brokerTopicEnable           the broker-name topic is readable and writable (else inherit-only)
 * @param traceTopicEnable            create the message-trace topic at start
 * @param msgTraceTopicName           name of the message-trace topic
 */
public record TopicGroupConfig(boolean autoCreateTopicEnable, boolean autoCreateSubscriptionGroup,
                               int defaultTopicQueueNums, boolean clusterTopicEnable, boolean brokerTopicEnable,
                               boolean traceTopicEnable, String msgTraceTopicName) {

    public static final int DEFAULT_TOPIC_QUEUE_NUMS = 8;

    public TopicGroupConfig {
        Checks.range("defaultTopicQueueNums", defaultTopicQueueNums, 1, 1024);
        String problem = TopicNames.validate(msgTraceTopicName);
        if (problem != null) {
            throw new BrokerConfigException("invalid value '" + msgTraceTopicName + "' for msgTraceTopicName: "
                    + problem);
        }
    }

    public static TopicGroupConfig defaults() {
        return new TopicGroupConfig(true, true, DEFAULT_TOPIC_QUEUE_NUMS, true, true, false, TopicNames.TRACE_TOPIC);
    }
}
