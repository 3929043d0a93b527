package org.tidemq.tools.admin.command.group;

import org.tidemq.tools.admin.ToolFailure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --attributes} text of Apache's mqadmin, {@code +key=value,+key2=value2,-key3}, as the map brokers expect
 * in a config body: keys keep their {@code +}/{@code -} prefix, deletions map to an empty value.
 */
final class AttributeModification {
    private AttributeModification() {
    }

    /** Empty for null or blank text. */
    static Map<String, String> parse(String text) {
        Map<String, String> changes = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return changes;
        }
        for (String item : text.trim().split(",")) {
            String key;
            String value;
            int equals = item.indexOf('=');
            if (equals >= 0) {
                key = item.substring(0, equals);
                value = item.substring(equals + 1);
                if (!key.startsWith("+") || key.length() < 2 || value.isEmpty()) {
                    throw new ToolFailure("add/alter attribute format is wrong: '" + item
                            + "' (expected +key=value)");
                }
            } else {
                key = item;
                value = "";
                if (!key.startsWith("-") || key.length() < 2) {
                    throw new ToolFailure("delete attribute format is wrong: '" + item + "' (expected -key)");
                }
            }
            if (changes.put(key, value) != null) {
                throw new ToolFailure("key duplication: " + key);
            }
        }
        return changes;
    }
}
