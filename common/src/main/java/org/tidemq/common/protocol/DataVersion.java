package org.tidemq.common.protocol;

import org.tidemq.common.json.JsonEncodable;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.json.JsonWriter;

/**
 * Version stamp of a broker's topic (or other) configuration. Two versions are the same only if all three parts are,
 * as in RocketMQ; the name server re-reads a broker's topics when the stamp it registers differs from the last one.
 *
 * @param stateVersion bumped by controller-mode role changes; 0 in classic mode
 * @param timestamp    wall-clock millis of the last change
 * @param counter      number of changes
 */
public record DataVersion(long stateVersion, long timestamp, long counter) implements JsonEncodable {

    /** A fresh version (counter 0) stamped {@code nowMillis}. */
    public static DataVersion initial(long nowMillis) {
        return new DataVersion(0, nowMillis, 0);
    }

    /** The version after one more change. */
    public DataVersion next(long nowMillis) {
        return new DataVersion(stateVersion, nowMillis, counter + 1);
    }

    @Override
    public void writeJson(JsonWriter writer) {
        writer.beginObject()
                .field("counter", counter)
                .field("stateVersion", stateVersion)
                .field("timestamp", timestamp)
                .endObject();
    }

    /** Reads a DataVersion object; missing parts read as 0. */
    public static DataVersion fromJson(JsonObject json) {
        return new DataVersion(json.longValue("stateVersion", 0), json.longValue("timestamp", 0),
                json.longValue("counter", 0));
    }

    public static DataVersion decode(byte[] body) {
        return fromJson(JsonReader.parseObject(body));
    }
}
