package org.tidemq.broker.subscription;

import java.util.Map;
import java.util.TreeMap;

/**
 * Applies a 5.x attribute change request (RocketMQ's {@code AttributeUtil.alterCurrentAttributes} rules) to a group's
 * current attributes. Requested keys carry an operation prefix: {@code +key → value} adds or replaces,
 * {@code -key} removes (the key must exist). A group being created accepts only additions. Unlike RocketMQ 5.2.0,
 * which knows no subscription group attribute and so refuses every key, any key name is accepted and stored.
 */
final class AttributeChanges {
    private static final char ADD = '+';
    private static final char DELETE = '-';

    private AttributeChanges() {
    }

    /**
     * @return the attributes after the change, sorted by key
     * @throws IllegalArgumentException naming the offending key when the request is malformed or deletes a missing
     *                                  key; nothing is applied then
     */
    static Map<String, String> apply(boolean creating, Map<String, String> current, Map<String, String> requested) {
        Map<String, String> result = new TreeMap<>(current);
        Map<String, String> seen = new TreeMap<>();
        for (Map.Entry<String, String> change : requested.entrySet()) {
            String key = change.getKey();
            if (key.length() < 2) {
                throw new IllegalArgumentException("kv string format wrong. key: '" + key + "'");
            }
            char operation = key.charAt(0);
            String realKey = key.substring(1);
            if (realKey.indexOf(ADD) >= 0 || realKey.indexOf(DELETE) >= 0) {
                throw new IllegalArgumentException("kv string format wrong. key: " + key);
            }
            if (seen.put(realKey, key) != null) {
                throw new IllegalArgumentException("alter duplication key. key: " + realKey);
            }
            if (creating && operation != ADD) {
                throw new IllegalArgumentException(
                        "only add attribute is supported while creating subscription group. key: " + realKey);
            }
            if (operation == ADD) {
                result.put(realKey, change.getValue() == null ? "" : change.getValue());
            } else if (operation == DELETE) {
                if (!current.containsKey(realKey)) {
                    throw new IllegalArgumentException("attempt to delete a nonexistent key: " + realKey);
                }
                result.remove(realKey);
            } else {
                throw new IllegalArgumentException("wrong format key: " + key
                        + " (attribute keys start with + to add or - to delete)");
            }
        }
        return result;
    }
}
