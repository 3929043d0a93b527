package org.tidemq.broker.stats;

import java.util.Optional;

/**
 * The statistics this broker keeps, named as RocketMQ's {@code Stats} constants that VIEW_BROKER_STATS_DATA's
 * {@code statsName} carries. Topic stats are keyed by topic; group stats by {@code topic@group} (topic first, as
 * {@code BrokerStatsManager.buildStatsKey(topic, group)} and {@code mqadmin statsAll} spell it).
 */
public enum StatsName {
    /** Messages stored per topic. */
    TOPIC_PUT_NUMS,
    /** Bytes stored per topic (stored record sizes). */
    TOPIC_PUT_SIZE,
    /** Messages returned to pulls, per topic@group. */
    GROUP_GET_NUMS,
    /** Bytes returned to pulls, per topic@group. */
    GROUP_GET_SIZE;

    public static Optional<StatsName> parse(String name) {
        for (StatsName candidate : values()) {
            if (candidate.name().equals(name)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static String groupKey(String topic, String group) {
        return topic + "@" + group;
    }
}
