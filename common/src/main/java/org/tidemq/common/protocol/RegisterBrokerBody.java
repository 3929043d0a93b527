package org.tidemq.common.protocol;

import org.tidemq.common.json.JsonEncodable;
import org.tidemq.common.json.JsonMaps;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;

import java.util.List;

/**
 * REGISTER_BROKER's body in its plain JSON form (facts sheet §4.7). The deprecated zlib form
 * ({@code compressedRegister=true}) is not supported.
 */
public record RegisterBrokerBody(TopicConfigSerializeWrapper topicConfigSerializeWrapper, List<String> filterServerList)
        implements JsonEncodable {

    public RegisterBrokerBody {
        filterServerList = List.copyOf(filterServerList == null ? List.of() : filterServerList);
    }

    @Override
    public void writeJson(JsonWriter writer) {
        writer.beginObject().name("filterServerList");
        JsonMaps.writeStringArray(writer, filterServerList);
        if (topicConfigSerializeWrapper != null) {
            writer.name("topicConfigSerializeWrapper");
            topicConfigSerializeWrapper.writeJson(writer);
        }
        writer.endObject();
    }

    /** Reads the body; a missing wrapper reads as an empty topic table with version 0. */
    public static RegisterBrokerBody fromJson(JsonObject json) {
        JsonObject wrapper = json.object("topicConfigSerializeWrapper");
        return new RegisterBrokerBody(
                TopicConfigSerializeWrapper.fromJson(wrapper == null ? JsonObject.empty() : wrapper),
                JsonMaps.readStringList(json.array("filterServerList"), "filterServerList"));
    }

    public static RegisterBrokerBody decode(byte[] body) {
        return fromJson(JsonReader.parseObject(body));
    }
}
