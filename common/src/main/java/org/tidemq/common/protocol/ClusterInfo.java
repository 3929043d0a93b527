package org.tidemq.common.protocol;

import org.tidemq.common.json.JsonEncodable;
import org.tidemq.common.json.JsonMaps;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * GET_BROKER_CLUSTER_INFO's answer: every broker name with its members, and every cluster with its broker names.
 * RocketMQ always writes it with bare integer keys.
 */
public record ClusterInfo(Map<String, BrokerData> brokerAddrTable, Map<String, Set<String>> clusterAddrTable)
        implements JsonEncodable {

    public ClusterInfo {
        brokerAddrTable = Collections.unmodifiableMap(new TreeMap<>(brokerAddrTable));
        TreeMap<String, Set<String>> clusters = new TreeMap<>();
        clusterAddrTable.forEach((cluster, names) -> clusters.put(cluster, Collections.unmodifiableSet(new LinkedHashSet<>(names))));
        clusterAddrTable = Collections.unmodifiableMap(clusters);
    }

    @Override
    public void writeJson(JsonWriter writer) {
        writer.beginObject().name("brokerAddrTable").beginObject();
        for (Map.Entry<String, BrokerData> entry : brokerAddrTable.entrySet()) {
            writer.name(entry.getKey());
            entry.getValue().writeJson(writer);
        }
        writer.endObject().name("clusterAddrTable").beginObject();
        for (Map.Entry<String, Set<String>> entry : clusterAddrTable.entrySet()) {
            writer.name(entry.getKey());
            JsonMaps.writeStringArray(writer, entry.getValue());
        }
        writer.endObject().endObject();
    }

    public static ClusterInfo fromJson(JsonObject json) {
        Map<String, BrokerData> brokers = new TreeMap<>();
        JsonObject brokerObject = json.object("brokerAddrTable");
        if (brokerObject != null) {
            for (Map.Entry<Object, Object> entry : brokerObject.members().entrySet()) {
                brokers.put(JsonObject.toText(entry.getKey(), "brokerAddrTable key"),
                        BrokerData.fromJson(JsonObject.toObject(entry.getValue(), "brokerAddrTable value")));
            }
        }
        Map<String, Set<String>> clusters = new TreeMap<>();
        JsonObject clusterObject = json.object("clusterAddrTable");
        if (clusterObject != null) {
            for (Map.Entry<Object, Object> entry : clusterObject.members().entrySet()) {
                String cluster = JsonObject.toText(entry.getKey(), "clusterAddrTable key");
                clusters.put(cluster, new LinkedHashSet<>(JsonMaps.readStringList(clusterObject.array(cluster), "clusterAddrTable")));
            }
        }
        return new ClusterInfo(brokers, clusters);
    }

    public static ClusterInfo decode(byte[] body) {
        return fromJson(JsonReader.parseObject(body));
    }
}
