package org.tidemq.broker.stats;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All stats items of one broker, by {@link StatsName} and key, created on first use. Recording is a map lookup and
 * two {@link java.util.concurrent.atomic.LongAdder} adds; sampling (from {@link StatsSamplingService}) walks every
 * item. Thread-safe. Items are never removed: like RocketMQ, a broker keeps one item per topic and topic@group it
 * has served.
 */
public final class BrokerStatsTable implements GroupGetRecorder {
    private final Map<StatsName, ConcurrentHashMap<String, StatsItem>> items = new EnumMap<>(StatsName.class);

    public BrokerStatsTable() {
        for (StatsName name : StatsName.values()) {
            items.put(name, new ConcurrentHashMap<>());
        }
    }

    /** One stored message of {@code bytes} bytes on {@code topic}. */
    public void recordPut(String topic, long bytes) {
        item(StatsName.TOPIC_PUT_NUMS, topic).add(1, 1);
        item(StatsName.TOPIC_PUT_SIZE, topic).add(bytes, 1);
    }

    @Override
    public void recordGet(String group, String topic, int messages, long bytes) {
        String key = StatsName.groupKey(topic, group);
        item(StatsName.GROUP_GET_NUMS, key).add(messages, 1);
        item(StatsName.GROUP_GET_SIZE, key).add(bytes, 1);
    }

    /** The item, if anything was recorded for it. */
    public Optional<StatsItem> find(StatsName name, String key) {
        return Optional.ofNullable(items.get(name).get(key));
    }

    void sampleMinuteWindows(long nowMillis) {
        forEachItem(item -> item.sampleMinuteWindow(nowMillis));
    }

    void sampleHourWindows(long nowMillis) {
        forEachItem(item -> item.sampleHourWindow(nowMillis));
    }

    void sampleDayWindows(long nowMillis) {
        forEachItem(item -> item.sampleDayWindow(nowMillis));
    }

    private void forEachItem(java.util.function.Consumer<StatsItem> action) {
        items.values().forEach(byKey -> byKey.values().forEach(action));
    }

    private StatsItem item(StatsName name, String key) {
        ConcurrentHashMap<String, StatsItem> byKey = items.get(name);
        StatsItem existing = byKey.get(key);
        return existing != null ? existing : byKey.computeIfAbsent(key, k -> new StatsItem());
    }
}
