package org.tidemq.common.protocol;

import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonEncodable;
import org.tidemq.common.json.JsonMaps;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The members of one broker name, as GET_BROKER_MEMBER_GROUP answers: written inside
 * {@code {"brokerMemberGroup":{…}}} (see {@link #encodeResponseBody()}).
 */
public record BrokerMemberGroup(String cluster, String brokerName, SortedMap<Long, String> brokerAddrs)
        implements JsonEncodable {

    public BrokerMemberGroup {
        brokerAddrs = Collections.unmodifiableSortedMap(brokerAddrs == null ? new TreeMap<>() : new TreeMap<>(brokerAddrs));
    }

    @Override
    public void writeJson(JsonWriter writer) {
        writer.beginObject().name("brokerAddrs");
        JsonMaps.writeLongKeyMap(writer, brokerAddrs);
        writer.field("brokerName", brokerName).field("cluster", cluster).endObject();
    }

    /** The GET_BROKER_MEMBER_GROUP response body, bare integer keys as RocketMQ writes it. */
    public byte[] encodeResponseBody() {
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject().name("brokerMemberGroup");
        writeJson(writer);
        writer.endObject();
        return writer.toBytes();
    }

    public static BrokerMemberGroup fromJson(JsonObject json) {
        return new BrokerMemberGroup(json.string("cluster"), json.string("brokerName"),
                JsonMaps.readLongKeyMap(json.object("brokerAddrs"), "brokerAddrs"));
    }

    /** Reads a GET_BROKER_MEMBER_GROUP response body. */
    public static BrokerMemberGroup decodeResponseBody(byte[] body) {
        JsonObject group = JsonReader.parseObject(body).object("brokerMemberGroup");
        return group == null ? null : fromJson(group);
    }
}
