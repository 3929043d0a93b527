package org.tidemq.broker.ha.metadata;

import java.util.Map;
import org.tidemq.broker.subscription.SubscriptionGroupManager;
import org.tidemq.common.protocol.TopicConfigSerializeWrapper;

/**
 * One copy of a master's metadata, as its four answers carried it.
 *
 * @param topics           GET_ALL_TOPIC_CONFIG: the topic table and its DataVersion
 * @param consumerOffsets  GET_ALL_CONSUMER_OFFSET: {@code topic@group} → queueId → offset
 * @param groups           GET_ALL_SUBSCRIPTIONGROUP_CONFIG: the group table and its DataVersion
 * @param delayOffsetsJson GET_ALL_DELAY_OFFSET: the master's {@code delayOffset.json} text, verbatim; null when
 *                         the master has none
 */
public record MasterMetadata(TopicConfigSerializeWrapper topics,
                             Map<String, ? extends Map<Integer, Long>> consumerOffsets,
                             SubscriptionGroupManager.Stored groups, byte[] delayOffsetsJson) {
}
