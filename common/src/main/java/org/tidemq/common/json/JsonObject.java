package org.tidemq.common.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON object, members in document order. Keys are {@link String}s — quoted, single-quoted or bare
 * ({@code {0:"a"}} gives key {@code "0"}) — or, for fastjson's object-keyed maps ({@code {{"topic":"t"}:…}}), the
 * key object itself ({@link JsonObject} or {@link List}).
 *
 * <p>Values are {@link JsonObject}, {@code List<Object>}, {@link String}, {@link Long} / {@link java.math.BigInteger}
 * (integers), {@link Double} (fractions), {@link Boolean} or {@code null}. The typed accessors convert the way
 * fastjson does for bean fields ("6" reads as 6 for an int field); a value that cannot be converted throws
 * {@link JsonTypeException} naming the member. Immutable once parsed; safe to share between threads.
 */
public final class JsonObject {
    private final Map<Object, Object> members;

    JsonObject(Map<Object, Object> members) {
        this.members = members;
    }

    /** An empty object. */
    public static JsonObject empty() {
        return new JsonObject(new LinkedHashMap<>());
    }

    /** All members in document order (unmodifiable). */
    public Map<Object, Object> members() {
        return Collections.unmodifiableMap(members);
    }

    public boolean has(String name) {
        return members.containsKey(name);
    }

    public Object get(String name) {
        return members.get(name);
    }

    public int size() {
        return members.size();
    }

    /** The member as text (numbers and booleans in their JSON spelling), or {@code null} when absent or null. */
    public String string(String name) {
        Object value = members.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonObject || value instanceof List) {
            throw new JsonTypeException("member '" + name + "' is not a string: " + describe(value));
        }
        return value.toString();
    }

    public long longValue(String name, long defaultValue) {
        Object value = members.get(name);
        return value == null ? defaultValue : toLong(value, name);
    }

    public int intValue(String name, int defaultValue) {
        Object value = members.get(name);
        if (value == null) {
            return defaultValue;
        }
        long number = toLong(value, name);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new JsonTypeException("member '" + name + "' is out of int range: " + number);
        }
        return (int) number;
    }

    public boolean boolValue(String name, boolean defaultValue) {
        Object value = members.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.longValue() != 0;
        }
        if (value instanceof String s) {
            if ("true".equalsIgnoreCase(s)) {
                return true;
            }
            if ("false".equalsIgnoreCase(s) || s.isEmpty()) {
                return false;
            }
        }
        throw new JsonTypeException("member '" + name + "' is not a boolean: " + describe(value));
    }

    /** The member as an object, or {@code null} when absent or null. */
    public JsonObject object(String name) {
        Object value = members.get(name);
        if (value == null || value instanceof JsonObject) {
            return (JsonObject) value;
        }
        throw new JsonTypeException("member '" + name + "' is not an object: " + describe(value));
    }

    /** The member as an array, or {@code null} when absent or null. */
    @SuppressWarnings("unchecked")
    public List<Object> array(String name) {
        Object value = members.get(name);
        if (value == null || value instanceof List) {
            return (List<Object>) value;
        }
        throw new JsonTypeException("member '" + name + "' is not an array: " + describe(value));
    }

    /** Converts a parsed value to a long the way fastjson fills a long field: numbers truncate, strings parse. */
    public static long toLong(Object value, String what) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new JsonTypeException("'" + what + "' is not a number: \"" + s + '"');
            }
        }
        throw new JsonTypeException("'" + what + "' is not a number: " + describe(value));
    }

    /** Converts a parsed value to text; objects and arrays are not text. */
    public static String toText(Object value, String what) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonObject || value instanceof List) {
            throw new JsonTypeException("'" + what + "' is not a string: " + describe(value));
        }
        return value.toString();
    }

    /** Casts a parsed value to an object, naming {@code what} if it is something else. */
    public static JsonObject toObject(Object value, String what) {
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new JsonTypeException("'" + what + "' is not an object: " + describe(value));
    }

    private static String describe(Object value) {
        if (value instanceof JsonObject) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof String s ? '"' + s + '"' : String.valueOf(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonObject other && members.equals(other.members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    @Override
    public String toString() {
        return "JsonObject" + members;
    }
}
