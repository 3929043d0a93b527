package org.tidemq.broker.client;

import java.util.Comparator;
import java.util.Objects;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonWriter;

/**
 * A queue as clients name it: {@code {"brokerName":…,"queueId":…,"topic":…}} (fastjson's field order). Used in lock
 * bodies and as the object key of ResetOffsetBody-like maps (facts §13 pitfall 1).
 */
public record MessageQueue(String topic, String brokerName, int queueId) implements Comparable<MessageQueue> {
    private static final Comparator<MessageQueue> ORDER = Comparator.comparing(MessageQueue::topic)
            .thenComparing(MessageQueue::brokerName).thenComparingInt(MessageQueue::queueId);

    public MessageQueue {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(brokerName, "brokerName");
    }

    /**
     * Reads one queue object.
     *
     * @throws IllegalArgumentException naming the missing field
     */
    public static MessageQueue fromJson(JsonObject json) {
        String topic = json.string("topic");
        String brokerName = json.string("brokerName");
        if (topic == null || brokerName == null || !json.has("queueId")) {
            throw new IllegalArgumentException("message queue needs topic, brokerName and queueId: " + json);
        }
        return new MessageQueue(topic, brokerName, json.intValue("queueId", -1));
    }

    /** Writes the queue as a JSON object value. */
    public JsonWriter writeJson(JsonWriter writer) {
        return writer.beginObject().field("brokerName", brokerName).field("queueId", queueId).field("topic", topic)
                .endObject();
    }

    /** Writes the queue as an object used as a member name (MessageQueue-keyed maps). */
    public JsonWriter writeJsonKey(JsonWriter writer) {
        return writer.beginObjectName().field("brokerName", brokerName).field("queueId", queueId)
                .field("topic", topic).endObjectName();
    }

    /** Topic, then broker name, then queue id: the order clients sort queues in. */
    @Override
    public int compareTo(MessageQueue other) {
        return ORDER.compare(this, other);
    }
}
