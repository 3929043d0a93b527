package org.tidemq.common.json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reading and writing the map and list shapes RocketMQ bodies use. */
public final class JsonMaps {
    private JsonMaps() {
    }

    /** Writes {@code {"k":"v",…}} in the map's iteration order. */
    public static void writeStringMap(JsonWriter writer, Map<String, String> map) {
        writer.beginObject();
        for (Map.Entry<String, String> entry : map.entrySet()) {
            writer.name(entry.getKey()).value(entry.getValue());
        }
        writer.endObject();
    }

    /** Writes {@code {0:"v",…}} (keys per the writer's {@link IntKeyStyle}) in the map's iteration order. */
    public static void writeLongKeyMap(JsonWriter writer, Map<Long, String> map) {
        writer.beginObject();
        for (Map.Entry<Long, String> entry : map.entrySet()) {
            writer.name(entry.getKey()).value(entry.getValue());
        }
        writer.endObject();
    }

    public static void writeStringArray(JsonWriter writer, Collection<String> values) {
        writer.beginArray();
        for (String value : values) {
            writer.value(value);
        }
        writer.endArray();
    }

    /** Reads a string-valued object; {@code null} reads as an empty map. */
    public static Map<String, String> readStringMap(JsonObject object, String what) {
        Map<String, String> map = new LinkedHashMap<>();
        if (object != null) {
            for (Map.Entry<Object, Object> entry : object.members().entrySet()) {
                map.put(JsonObject.toText(entry.getKey(), what + " key"), JsonObject.toText(entry.getValue(), what));
            }
        }
        return map;
    }

    /** Reads an object keyed by integers, bare or quoted ({@code {0:"a"}} or {@code {"0":"a"}}). */
    public static SortedMap<Long, String> readLongKeyMap(JsonObject object, String what) {
        SortedMap<Long, String> map = new TreeMap<>();
        if (object != null) {
            for (Map.Entry<Object, Object> entry : object.members().entrySet()) {
                map.put(JsonObject.toLong(entry.getKey(), what + " key"), JsonObject.toText(entry.getValue(), what));
            }
        }
        return map;
    }

    /** Reads an array of strings; {@code null} reads as an empty list. */
    public static List<String> readStringList(List<Object> array, String what) {
        List<String> list = new ArrayList<>();
        if (array != null) {
            for (Object item : array) {
                list.add(JsonObject.toText(item, what));
            }
        }
        return list;
    }
}
