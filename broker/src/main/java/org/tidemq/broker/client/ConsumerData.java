package org.tidemq.broker.client;

import java.util.ArrayList;
import java.util.List;
import org.tidemq.common.json.JsonObject;

/** One consumer group of a heartbeat (facts §4.6). */
public record ConsumerData(String groupName, String consumeType, String messageModel, String consumeFromWhere,
                           List<SubscriptionData> subscriptions, boolean unitMode) {

    public ConsumerData {
        subscriptions = List.copyOf(subscriptions);
    }

    static ConsumerData fromJson(JsonObject json) {
        String group = json.string("groupName");
        if (group == null || group.isEmpty()) {
            throw new IllegalArgumentException("consumer data without groupName");
        }
        List<SubscriptionData> subscriptions = new ArrayList<>();
        List<Object> items = json.array("subscriptionDataSet");
        if (items != null) {
            for (Object item : items) {
                subscriptions.add(SubscriptionData.fromJson(JsonObject.toObject(item, "subscriptionDataSet")));
            }
        }
        return new ConsumerData(group, json.string("consumeType"), json.string("messageModel"),
                json.string("consumeFromWhere"), subscriptions, json.boolValue("unitMode", false));
    }
}
