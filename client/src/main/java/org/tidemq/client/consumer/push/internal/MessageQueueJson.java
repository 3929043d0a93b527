package org.tidemq.client.consumer.push.internal;

import org.tidemq.client.MessageQueue;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonWriter;

/** RocketMQ's {@code MessageQueue} JSON form: {@code {"brokerName":…,"queueId":…,"topic":…}} (fastjson order). */
final class MessageQueueJson {
    private MessageQueueJson() {
    }

    static void write(JsonWriter json, MessageQueue queue) {
        json.beginObject();
        members(json, queue);
        json.endObject();
    }

    /** Writes the members only, for use between {@link JsonWriter#beginObjectName()} and its end. */
    static void members(JsonWriter json, MessageQueue queue) {
        json.field("brokerName", queue.brokerName()).field("queueId", queue.queueId()).field("topic", queue.topic());
    }

    static MessageQueue read(JsonObject object) {
        String topic = object.string("topic");
        String brokerName = object.string("brokerName");
        if (topic == null || brokerName == null) {
            throw new IllegalArgumentException("message queue JSON lacks topic or brokerName: " + object);
        }
        return new MessageQueue(topic, brokerName, object.intValue("queueId", -1));
    }
}
