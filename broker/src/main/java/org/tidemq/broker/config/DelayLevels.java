package org.tidemq.broker.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RocketMQ's {@code messageDelayLevel}: space-separated durations ({@code 1s 5s … 2h}, units s, m, h, d); level
 * {@code n} (1-based) delays by the n-th duration.
 *
 * @param text        the configured spelling, kept for GET_BROKER_CONFIG
 * @param delayMillis the parsed delay of each level, level 1 first
 */
public record DelayLevels(String text, List<Long> delayMillis) {

    public static final String DEFAULT = "1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h";

    public DelayLevels {
        delayMillis = List.copyOf(delayMillis);
    }

    /** Parses {@code text}; fails naming {@code messageDelayLevel} and the bad item. */
    public static DelayLevels parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new BrokerConfigException("invalid value '' for messageDelayLevel: must list at least one delay");
        }
        List<Long> millis = new ArrayList<>();
        for (String item : trimmed.split("\\s+")) {
            millis.add(parseItem(text, item));
        }
        return new DelayLevels(trimmed, millis);
    }

    public static DelayLevels defaults() {
        return parse(DEFAULT);
    }

    /** Number of levels (18 by default). */
    public int maxLevel() {
        return delayMillis.size();
    }

    /** Delay of {@code level} (1-based); levels above {@link #maxLevel()} are clamped to it, as RocketMQ does. */
    public long delayMillisOf(int level) {
        if (level < 1) {
            throw new IllegalArgumentException("delay level must be >= 1, got " + level);
        }
        return delayMillis.get(Math.min(level, maxLevel()) - 1);
    }

    private static long parseItem(String text, String item) {
        long unitMillis = switch (item.substring(item.length() - 1).toLowerCase(Locale.ROOT)) {
            case "s" -> 1_000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> -1L;
        };
        long amount = -1;
        if (unitMillis > 0 && item.length() > 1) {
            try {
                amount = Long.parseLong(item.substring(0, item.length() - 1));
            } catch (NumberFormatException e) {
                amount = -1;
            }
        }
        if (unitMillis < 0 || amount <= 0) {
            throw new BrokerConfigException("invalid value '" + text + "' for messageDelayLevel: item '" + item
                    + "' is not a positive number followed by s, m, h or d");
        }
        return amount * unitMillis;
    }
}
