package org.tidemq.common.protocol;

import org.tidemq.common.json.JsonEncodable;
import org.tidemq.common.json.JsonMaps;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** {@code {"table":{…}}}: a string map body (KV namespaces, broker runtime info). */
public record KVTable(Map<String, String> table) implements JsonEncodable {

    public KVTable {
        table = Collections.unmodifiableMap(new TreeMap<>(table == null ? Map.of() : table));
    }

    @Override
    public void writeJson(JsonWriter writer) {
        writer.beginObject().name("table");
        JsonMaps.writeStringMap(writer, table);
        writer.endObject();
    }

    public static KVTable fromJson(JsonObject json) {
        return new KVTable(JsonMaps.readStringMap(json.object("table"), "table"));
    }

    public static KVTable decode(byte[] body) {
        return fromJson(JsonReader.parseObject(body));
    }
}
