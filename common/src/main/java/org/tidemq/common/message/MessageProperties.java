package org.tidemq.common.message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The RocketMQ properties string (facts §5.3): {@code name 0x01 value 0x02} repeated. Entries with an empty name or
 * value are skipped when parsing, as RocketMQ does.
 */
public final class MessageProperties {

    public static final char NAME_VALUE_SEPARATOR = '\u0001';
    public static final char PROPERTY_SEPARATOR = '\u0002';

    public static final String TAGS = "TAGS";
    public static final String KEYS = "KEYS";
    public static final String UNIQ_KEY = "UNIQ_KEY";
    public static final String WAIT = "WAIT";

    private MessageProperties() {
    }

    /** Encodes in map order, each pair terminated by 0x02 (as the Java client writes it). */
    public static String encode(Map<String, String> properties) {
        StringBuilder sb = new StringBuilder();
        properties.forEach((k, v) -> sb.append(k).append(NAME_VALUE_SEPARATOR).append(v).append(PROPERTY_SEPARATOR));
        return sb.toString();
    }

    public static Map<String, String> decode(String properties) {
        Map<String, String> map = new LinkedHashMap<>();
        int start = 0;
        int length = properties.length();
        while (start < length) {
            int end = properties.indexOf(PROPERTY_SEPARATOR, start);
            if (end < 0) {
                end = length;
            }
            int sep = properties.indexOf(NAME_VALUE_SEPARATOR, start);
            if (sep > start && sep < end - 1) {
                map.put(properties.substring(start, sep), properties.substring(sep + 1, end));
            }
            start = end + 1;
        }
        return map;
    }

    /** Tag-hash of the ConsumeQueue entry: {@code String.hashCode()} of TAGS, 0 if none. */
    public static long tagsCode(String tags) {
        return tags == null || tags.isEmpty() ? 0 : tags.hashCode();
    }
}
