package org.tidemq.broker.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a leading {@code ~} in the broker's path keys to the user's home directory, so shipped example files can
 * say {@code storePathRootDir=~/store/broker-a} as RocketMQ's documentation does and work for whoever runs them.
 * Only {@code ~} alone or {@code ~/…} is expanded ({@code ~user} is left as written, like a relative path).
 */
final class HomeRelativePaths {
    /** Every path-valued key of {@code broker.properties} this broker reads. */
    static final List<String> PATH_KEYS = List.of("storePathRootDir", "storePathCommitLog");

    private HomeRelativePaths() {
    }

    /** {@code properties} with each path key's leading {@code ~} replaced by {@code userHome}; the input is unchanged. */
    static Map<String, String> expand(Map<String, String> properties, Path userHome) {
        Map<String, String> expanded = new HashMap<>(properties);
        for (String key : PATH_KEYS) {
            String value = properties.get(key);
            if (value != null) {
                expanded.put(key, expand(value.trim(), userHome));
            }
        }
        return expanded;
    }

    static String expand(String path, Path userHome) {
        if (path.equals("~")) {
            return userHome.toString();
        }
        if (path.startsWith("~/")) {
            return userHome.resolve(path.substring(2)).toString();
        }
        return path;
    }
}
