package org.tidemq.common.protocol;

import org.tidemq.common.json.JsonEncodable;
import org.tidemq.common.json.JsonMaps;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonWriter;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A topic as one broker serves it (facts sheet §4.10).
 *
 * @param attributes 5.x topic attributes ({@code message.type} …); never null
 */
public record TopicConfig(String topicName, int readQueueNums, int writeQueueNums, int perm,
                          TopicFilterType topicFilterType, int topicSysFlag, boolean order,
                          Map<String, String> attributes) implements JsonEncodable {
    public static final int DEFAULT_QUEUE_NUMS = 16;

    public TopicConfig {
        topicFilterType = topicFilterType == null ? TopicFilterType.SINGLE_TAG : topicFilterType;
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** A plain read-write topic. */
    public TopicConfig(String topicName, int readQueueNums, int writeQueueNums, int perm) {
        this(topicName, readQueueNums, writeQueueNums, perm, TopicFilterType.SINGLE_TAG, 0, false, Map.of());
    }

    public TopicConfig withPerm(int newPerm) {
        return new TopicConfig(topicName, readQueueNums, writeQueueNums, newPerm, topicFilterType, topicSysFlag,
                order, attributes);
    }

    @Override
    public void writeJson(JsonWriter writer) {
        writer.beginObject().name("attributes");
        JsonMaps.writeStringMap(writer, attributes);
        writer.field("order", order)
                .field("perm", perm)
                .field("readQueueNums", readQueueNums)
                .field("topicFilterType", topicFilterType.name())
                .field("topicName", topicName)
                .field("topicSysFlag", topicSysFlag)
                .field("writeQueueNums", writeQueueNums)
                .endObject();
    }

    /** Reads a TopicConfig; absent fields take RocketMQ's defaults (16 queues, perm RW). */
    public static TopicConfig fromJson(JsonObject json) {
        return new TopicConfig(json.string("topicName"),
                json.intValue("readQueueNums", DEFAULT_QUEUE_NUMS),
                json.intValue("writeQueueNums", DEFAULT_QUEUE_NUMS),
                json.intValue("perm", Perm.READ_WRITE),
                TopicFilterType.parse(json.string("topicFilterType")),
                json.intValue("topicSysFlag", 0),
                json.boolValue("order", false),
                JsonMaps.readStringMap(json.object("attributes"), "attributes"));
    }
}
