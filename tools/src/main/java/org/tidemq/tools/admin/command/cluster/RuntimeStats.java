package org.tidemq.tools.admin.command.cluster;

import org.tidemq.client.admin.AdminClient;
import org.tidemq.client.admin.AdminException;

import java.util.Map;

/**
 * A broker's GET_BROKER_RUNTIME_INFO table read leniently, as Apache's {@code clusterList} does: a broker that does
 * not answer or lacks a key shows empty text and zeros instead of failing the whole listing.
 */
final class RuntimeStats {
    private final Map<String, String> table;

    private RuntimeStats(Map<String, String> table) {
        this.table = table;
    }

    static RuntimeStats fetch(AdminClient admin, String brokerAddr) {
        try {
            return new RuntimeStats(admin.brokerRuntimeInfo(brokerAddr));
        } catch (AdminException e) {
            return new RuntimeStats(Map.of());
        }
    }

    static RuntimeStats of(Map<String, String> table) {
        return new RuntimeStats(table);
    }

    String text(String key) {
        String value = table.get(key);
        return value == null ? "" : value;
    }

    long longValue(String key) {
        try {
            return Long.parseLong(text(key).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The first space-separated number of the value ({@code putTps} is {@code "12.0 11.5 11.9"}). */
    double firstDouble(String key) {
        String value = text(key).trim();
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Double.parseDouble(value.split(" ")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    double hoursSinceEarliestMessage(long nowMillis) {
        long earliest = longValue("earliestMessageTimeStamp");
        return earliest <= 0 ? 0.0 : (nowMillis - earliest) / 1000.0 / 60.0 / 60.0;
    }
}
