package org.tidemq.common.protocol;

import org.tidemq.common.json.JsonEncodable;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A broker's whole topic table with its version: the core of REGISTER_BROKER's body and GET_ALL_TOPIC_CONFIG's
 * answer.
 *
 * @param mappingDataVersion 5.x static-topic mapping version; when non-null the 5.x form is written (with empty
 *                           {@code topicQueueMappingDetailMap}/{@code topicQueueMappingInfoMap}), when null the 4.x
 *                           form. Static-topic mappings themselves are not modelled.
 */
public record TopicConfigSerializeWrapper(Map<String, TopicConfig> topicConfigTable, DataVersion dataVersion,
                                          DataVersion mappingDataVersion) implements JsonEncodable {

    public TopicConfigSerializeWrapper {
        topicConfigTable = Collections.unmodifiableMap(new TreeMap<>(topicConfigTable == null ? Map.of() : topicConfigTable));
        dataVersion = dataVersion == null ? new DataVersion(0, 0, 0) : dataVersion;
    }

    @Override
    public void writeJson(JsonWriter writer) {
        writer.beginObject().name("dataVersion");
        dataVersion.writeJson(writer);
        if (mappingDataVersion != null) {
            writer.name("mappingDataVersion");
            mappingDataVersion.writeJson(writer);
        }
        writer.name("topicConfigTable").beginObject();
        for (Map.Entry<String, TopicConfig> entry : topicConfigTable.entrySet()) {
            writer.name(entry.getKey());
            entry.getValue().writeJson(writer);
        }
        writer.endObject();
        if (mappingDataVersion != null) {
            writer.name("topicQueueMappingDetailMap").beginObject().endObject();
            writer.name("topicQueueMappingInfoMap").beginObject().endObject();
        }
        writer.endObject();
    }

    /**
     * Reads the wrapper. A topic entry without {@code topicName} takes its map key, as RocketMQ's table key is the
     * name.
     */
    public static TopicConfigSerializeWrapper fromJson(JsonObject json) {
        Map<String, TopicConfig> topics = new TreeMap<>();
        JsonObject table = json.object("topicConfigTable");
        if (table != null) {
            for (Map.Entry<Object, Object> entry : table.members().entrySet()) {
                String name = JsonObject.toText(entry.getKey(), "topicConfigTable key");
                TopicConfig config = TopicConfig.fromJson(JsonObject.toObject(entry.getValue(), "topicConfigTable." + name));
                if (config.topicName() == null) {
                    config = new TopicConfig(name, config.readQueueNums(), config.writeQueueNums(), config.perm(),
                            config.topicFilterType(), config.topicSysFlag(), config.order(), config.attributes());
                }
                topics.put(name, config);
            }
        }
        JsonObject version = json.object("dataVersion");
        JsonObject mappingVersion = json.object("mappingDataVersion");
        return new TopicConfigSerializeWrapper(topics, version == null ? null : DataVersion.fromJson(version),
                mappingVersion == null ? null : DataVersion.fromJson(mappingVersion));
    }

    public static TopicConfigSerializeWrapper decode(byte[] body) {
        return fromJson(JsonReader.parseObject(body));
    }
}
