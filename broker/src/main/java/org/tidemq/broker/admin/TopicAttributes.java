package org.tidemq.broker.admin;

import java.util.Map;
import java.util.TreeMap;

/**
 * Applies the {@code attributes} header of UPDATE_AND_CREATE_TOPIC: comma-separated {@code +key=value} (set) and
 * {@code -key} (remove) entries, as {@code mqadmin updateTopic -a +message.type=NORMAL} sends them.
 */
final class TopicAttributes {
    private TopicAttributes() {
    }

    /**
     * @param current the topic's attributes so far (empty for a new topic)
     * @param header  the header value; null or blank leaves {@code current} unchanged
     * @throws IllegalArgumentException naming the entry when it is neither {@code +key=value} nor {@code -key}
     */
    static Map<String, String> apply(Map<String, String> current, String header) {
        Map<String, String> result = new TreeMap<>(current);
        if (header == null || header.isBlank()) {
            return result;
        }
        for (String raw : header.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith("+")) {
                int eq = entry.indexOf('=');
                if (eq < 2) {
                    throw new IllegalArgumentException("invalid topic attribute '" + entry + "': expected +key=value");
                }
                result.put(entry.substring(1, eq), entry.substring(eq + 1));
            } else if (entry.startsWith("-") && entry.length() > 1 && entry.indexOf('=') < 0) {
                result.remove(entry.substring(1));
            } else {
                throw new IllegalArgumentException("invalid topic attribute '" + entry
                        + "': expected +key=value or -key");
            }
        }
        return result;
    }
}
