package org.tidemq.common.protocol;

import org.tidemq.common.json.JsonEncodable;
import org.tidemq.common.json.JsonMaps;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code {"brokerAddr":…,"topicList":[…]}}: the topic list bodies.
 *
 * @param brokerAddr only set by GET_SYSTEM_TOPIC_LIST_FROM_NS; omitted from JSON when null
 */
public record TopicList(Set<String> topicList, String brokerAddr) implements JsonEncodable {

    public TopicList {
        topicList = Collections.unmodifiableSet(new LinkedHashSet<>(topicList == null ? Set.of() : topicList));
    }

    public TopicList(Set<String> topicList) {
        this(topicList, null);
    }

    @Override
    public void writeJson(JsonWriter writer) {
        writer.beginObject().field("brokerAddr", brokerAddr).name("topicList");
        JsonMaps.writeStringArray(writer, topicList);
        writer.endObject();
    }

    public static TopicList fromJson(JsonObject json) {
        return new TopicList(new LinkedHashSet<>(JsonMaps.readStringList(json.array("topicList"), "topicList")),
                json.string("brokerAddr"));
    }

    public static TopicList decode(byte[] body) {
        return fromJson(JsonReader.parseObject(body));
    }
}
