package org.tidemq.common.protocol;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.tidemq.common.json.JsonEncodable;
import org.tidemq.common.json.JsonMaps;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;

/**
 * A consumer group as a broker knows it (facts sheet §4.10): the body of UPDATE_AND_CREATE_SUBSCRIPTIONGROUP and the
 * entries of {@code subscriptionGroup.json}.
 *
 * @param groupRetryPolicyType 5.x {@code groupRetryPolicy.type} (CUSTOMIZED or EXPONENTIAL); the policies' own
 *                             parameters are not modelled
 * @param attributes           5.x group attributes; never null
 */
public record SubscriptionGroupConfig(String groupName, boolean consumeEnable, boolean consumeFromMinEnable,
                                      boolean consumeBroadcastEnable, boolean consumeMessageOrderly,
                                      int retryQueueNums, int retryMaxTimes, long brokerId,
                                      long whichBrokerWhenConsumeSlowly, boolean notifyConsumerIdsChangedEnable,
                                      int groupSysFlag, int consumeTimeoutMinute, String groupRetryPolicyType,
                                      Map<String, String> attributes) implements JsonEncodable {

    public static final String DEFAULT_RETRY_POLICY_TYPE = "CUSTOMIZED";

    public SubscriptionGroupConfig {
        if (groupName == null || groupName.isBlank()) {
            throw new IllegalArgumentException("groupName must not be blank");
        }
        groupRetryPolicyType = groupRetryPolicyType == null ? DEFAULT_RETRY_POLICY_TYPE : groupRetryPolicyType;
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** RocketMQ's defaults for {@code groupName}. */
    public static SubscriptionGroupConfig defaults(String groupName) {
        return new SubscriptionGroupConfig(groupName, true, true, true, false, 1, 16, 0, 1, true, 0, 15,
                DEFAULT_RETRY_POLICY_TYPE, Map.of());
    }

    public SubscriptionGroupConfig withConsumeBroadcastEnable(boolean value) {
        return new SubscriptionGroupConfig(groupName, consumeEnable, consumeFromMinEnable, value,
                consumeMessageOrderly, retryQueueNums, retryMaxTimes, brokerId, whichBrokerWhenConsumeSlowly,
                notifyConsumerIdsChangedEnable, groupSysFlag, consumeTimeoutMinute, groupRetryPolicyType, attributes);
    }

    public SubscriptionGroupConfig withConsumeEnable(boolean value) {
        return new SubscriptionGroupConfig(groupName, value, consumeFromMinEnable, consumeBroadcastEnable,
                consumeMessageOrderly, retryQueueNums, retryMaxTimes, brokerId, whichBrokerWhenConsumeSlowly,
                notifyConsumerIdsChangedEnable, groupSysFlag, consumeTimeoutMinute, groupRetryPolicyType, attributes);
    }

    @Override
    public void writeJson(JsonWriter writer) {
        writer.beginObject().name("attributes");
        JsonMaps.writeStringMap(writer, attributes);
        writer.field("brokerId", brokerId)
                .field("consumeBroadcastEnable", consumeBroadcastEnable)
                .field("consumeEnable", consumeEnable)
                .field("consumeFromMinEnable", consumeFromMinEnable)
                .field("consumeMessageOrderly", consumeMessageOrderly)
                .field("consumeTimeoutMinute", consumeTimeoutMinute)
                .field("groupName", groupName)
                .name("groupRetryPolicy").beginObject().field("type", groupRetryPolicyType).endObject()
                .field("groupSysFlag", groupSysFlag)
                .field("notifyConsumerIdsChangedEnable", notifyConsumerIdsChangedEnable)
                .field("retryMaxTimes", retryMaxTimes)
                .field("retryQueueNums", retryQueueNums)
                .field("whichBrokerWhenConsumeSlowly", whichBrokerWhenConsumeSlowly)
                .endObject();
    }

    /**
     * Reads a config; absent fields take RocketMQ's defaults. {@code fallbackName} names the group when the object
     * has no {@code groupName} (a table entry keyed by it).
     */
    public static SubscriptionGroupConfig fromJson(JsonObject json, String fallbackName) {
        SubscriptionGroupConfig d = defaults(fallbackName == null ? "-" : fallbackName);
        String name = json.string("groupName");
        JsonObject retryPolicy = json.object("groupRetryPolicy");
        return new SubscriptionGroupConfig(name != null ? name : fallbackName,
                json.boolValue("consumeEnable", d.consumeEnable()),
                json.boolValue("consumeFromMinEnable", d.consumeFromMinEnable()),
                json.boolValue("consumeBroadcastEnable", d.consumeBroadcastEnable()),
                json.boolValue("consumeMessageOrderly", d.consumeMessageOrderly()),
                json.intValue("retryQueueNums", d.retryQueueNums()),
                json.intValue("retryMaxTimes", d.retryMaxTimes()),
                json.longValue("brokerId", d.brokerId()),
                json.longValue("whichBrokerWhenConsumeSlowly", d.whichBrokerWhenConsumeSlowly()),
                json.boolValue("notifyConsumerIdsChangedEnable", d.notifyConsumerIdsChangedEnable()),
                json.intValue("groupSysFlag", d.groupSysFlag()),
                json.intValue("consumeTimeoutMinute", d.consumeTimeoutMinute()),
                retryPolicy == null ? null : retryPolicy.string("type"),
                JsonMaps.readStringMap(json.object("attributes"), "attributes"));
    }

    public static SubscriptionGroupConfig decode(byte[] body) {
        return fromJson(JsonReader.parseObject(body), null);
    }
}
