package org.tidemq.common.protocol;

import org.tidemq.common.json.JsonEncodable;
import org.tidemq.common.json.JsonMaps;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET_ROUTEINFO_BY_TOPIC's answer: which broker names serve a topic, with how many queues, and where they are.
 * Static-topic mapping ({@code topicQueueMappingByBroker}) is not modelled and is skipped when read.
 *
 * @param orderTopicConf    {@code brokerName:queueNums;…} from the name server's ORDER_TOPIC_CONFIG; may be null
 * @param filterServerTable broker address → filter servers (legacy, normally empty)
 */
public record TopicRouteData(String orderTopicConf, List<QueueData> queueDatas, List<BrokerData> brokerDatas,
                             Map<String, List<String>> filterServerTable) implements JsonEncodable {

    public TopicRouteData {
        queueDatas = List.copyOf(queueDatas == null ? List.of() : queueDatas);
        brokerDatas = List.copyOf(brokerDatas == null ? List.of() : brokerDatas);
        filterServerTable = filterServerTable == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(filterServerTable));
    }

    public TopicRouteData withOrderTopicConf(String conf) {
        return new TopicRouteData(conf, queueDatas, brokerDatas, filterServerTable);
    }

    @Override
    public void writeJson(JsonWriter writer) {
        writer.beginObject().name("brokerDatas").beginArray();
        for (BrokerData brokerData : brokerDatas) {
            brokerData.writeJson(writer);
        }
        writer.endArray().name("filterServerTable").beginObject();
        for (Map.Entry<String, List<String>> entry : filterServerTable.entrySet()) {
            writer.name(entry.getKey());
            JsonMaps.writeStringArray(writer, entry.getValue());
        }
        writer.endObject().field("orderTopicConf", orderTopicConf).name("queueDatas").beginArray();
        for (QueueData queueData : queueDatas) {
            queueData.writeJson(writer);
        }
        writer.endArray().endObject();
    }

    public static TopicRouteData fromJson(JsonObject json) {
        List<QueueData> queues = new ArrayList<>();
        List<Object> queueArray = json.array("queueDatas");
        if (queueArray != null) {
            for (Object item : queueArray) {
                queues.add(QueueData.fromJson(JsonObject.toObject(item, "queueDatas item")));
            }
        }
        List<BrokerData> brokers = new ArrayList<>();
        List<Object> brokerArray = json.array("brokerDatas");
        if (brokerArray != null) {
            for (Object item : brokerArray) {
                brokers.add(BrokerData.fromJson(JsonObject.toObject(item, "brokerDatas item")));
            }
        }
        Map<String, List<String>> filters = new LinkedHashMap<>();
        JsonObject filterObject = json.object("filterServerTable");
        if (filterObject != null) {
            for (Map.Entry<Object, Object> entry : filterObject.members().entrySet()) {
                Object list = entry.getValue();
                filters.put(JsonObject.toText(entry.getKey(), "filterServerTable key"),
                        list instanceof List<?> l ? JsonMaps.readStringList(castList(l), "filterServerTable")
                                : List.of());
            }
        }
        return new TopicRouteData(json.string("orderTopicConf"), queues, brokers, filters);
    }

    public static TopicRouteData decode(byte[] body) {
        return fromJson(JsonReader.parseObject(body));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(List<?> list) {
        return (List<Object>) list;
    }
}
