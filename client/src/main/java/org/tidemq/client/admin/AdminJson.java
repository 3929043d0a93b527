package org.tidemq.client.admin;

import org.tidemq.client.MessageQueue;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reading the admin bodies' shapes: fastjson's MessageQueue object keys (facts §13.1) and connection lists. */
final class AdminJson {
    static final Comparator<MessageQueue> QUEUE_ORDER = Comparator.comparing(MessageQueue::topic)
            .thenComparing(MessageQueue::brokerName).thenComparingInt(MessageQueue::queueId);

    private AdminJson() {
    }

    /** A map key written as {@code {"brokerName":…,"queueId":…,"topic":…}} (or as that JSON in a string). */
    static MessageQueue messageQueue(Object key) {
        JsonObject object = key instanceof String text
                ? JsonReader.parseObject(text) : JsonObject.toObject(key, "MessageQueue key");
        return new MessageQueue(object.string("topic"), object.string("brokerName"), object.intValue("queueId", -1));
    }

    static double number(JsonObject object, String name) {
        Object value = object.get(name);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    static List<Connection> connections(JsonObject body) {
        List<Connection> connections = new ArrayList<>();
        List<Object> set = body.array("connectionSet");
        if (set != null) {
            for (Object item : set) {
                JsonObject connection = JsonObject.toObject(item, "connectionSet item");
                connections.add(new Connection(connection.string("clientId"), connection.string("clientAddr"),
                        connection.string("language"), connection.intValue("version", 0)));
            }
        }
        connections.sort(Comparator.comparing(Connection::clientId, Comparator.nullsFirst(Comparator.naturalOrder())));
        return connections;
    }

    static SubscriptionInfo subscription(JsonObject data) {
        Set<String> tags = new LinkedHashSet<>();
        List<Object> tagArray = data.array("tagsSet");
        if (tagArray != null) {
            tagArray.forEach(tag -> tags.add(JsonObject.toText(tag, "tagsSet item")));
        }
        return new SubscriptionInfo(data.string("topic"), data.string("subString"), data.string("expressionType"),
                tags, data.longValue("subVersion", 0));
    }
}
