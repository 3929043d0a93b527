package org.tidemq.common.protocol;

import org.tidemq.common.json.JsonEncodable;
import org.tidemq.common.json.JsonMaps;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonWriter;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The members of one broker name (a master and its slaves) as routes and cluster info show them.
 *
 * @param brokerAddrs broker id (0 = master) → {@code ip:port}, ascending by id; never null
 * @param zoneName    optional zone, omitted from JSON when null
 */
public record BrokerData(String cluster, String brokerName, SortedMap<Long, String> brokerAddrs, String zoneName,
                         boolean enableActingMaster) implements JsonEncodable {
    public static final long MASTER_ID = 0L;

    public BrokerData {
        brokerAddrs = Collections.unmodifiableSortedMap(brokerAddrs == null ? new TreeMap<>() : new TreeMap<>(brokerAddrs));
    }

    public BrokerData(String cluster, String brokerName, Map<Long, String> brokerAddrs) {
        this(cluster, brokerName, brokerAddrs == null ? null : new TreeMap<>(brokerAddrs), null, false);
    }

    /** The master's address, or {@code null} when no master is registered. */
    public String masterAddr() {
        return brokerAddrs.get(MASTER_ID);
    }

    @Override
    public void writeJson(JsonWriter writer) {
        writer.beginObject().name("brokerAddrs");
        JsonMaps.writeLongKeyMap(writer, brokerAddrs);
        writer.field("brokerName", brokerName)
                .field("cluster", cluster)
                .field("enableActingMaster", enableActingMaster)
                .field("zoneName", zoneName)
                .endObject();
    }

    public static BrokerData fromJson(JsonObject json) {
        return new BrokerData(json.string("cluster"), json.string("brokerName"),
                JsonMaps.readLongKeyMap(json.object("brokerAddrs"), "brokerAddrs"), json.string("zoneName"),
                json.boolValue("enableActingMaster", false));
    }
}
