package org.tidemq.common.json;

/** A wire object that writes itself as one JSON value, fields in fastjson's (alphabetical) order. */
public interface JsonEncodable {

    void writeJson(JsonWriter writer);

    /** The object as UTF-8 JSON with fastjson's default bare integer map keys. */
    default byte[] encode() {
        return encode(IntKeyStyle.UNQUOTED);
    }

    default byte[] encode(IntKeyStyle intKeyStyle) {
        JsonWriter writer = new JsonWriter(intKeyStyle);
        writeJson(writer);
        return writer.toBytes();
    }

    default String toJson(IntKeyStyle intKeyStyle) {
        JsonWriter writer = new JsonWriter(intKeyStyle);
        writeJson(writer);
        return writer.toString();
    }
}
