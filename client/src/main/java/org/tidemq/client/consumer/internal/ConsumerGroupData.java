package org.tidemq.client.consumer.internal;

import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.MessageModel;
import org.tidemq.common.json.JsonWriter;

import java.util.List;
import java.util.Objects;

/**
 * One consumer group's entry in HEART_BEAT's {@code consumerDataSet} (facts §4.6).
 *
 * @param subscriptions every subscribed topic, including {@code %RETRY%<group>} for clustering push consumers
 */
public record ConsumerGroupData(String groupName, ConsumeType consumeType, MessageModel messageModel,
                                ConsumeFromWhere consumeFromWhere, List<Subscription> subscriptions) {
    public ConsumerGroupData {
        Objects.requireNonNull(groupName, "groupName");
        Objects.requireNonNull(consumeType, "consumeType");
        Objects.requireNonNull(messageModel, "messageModel");
        Objects.requireNonNull(consumeFromWhere, "consumeFromWhere");
        subscriptions = List.copyOf(subscriptions);
    }

    public void writeJson(JsonWriter json) {
        json.beginObject()
                .field("consumeFromWhere", consumeFromWhere.wireName())
                .field("consumeType", consumeType.name())
                .field("groupName", groupName)
                .field("messageModel", messageModel.name())
                .name("subscriptionDataSet").beginArray();
        subscriptions.forEach(subscription -> subscription.writeJson(json));
        json.endArray().field("unitMode", false).endObject();
    }
}
