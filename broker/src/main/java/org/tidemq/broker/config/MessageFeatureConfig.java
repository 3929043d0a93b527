package org.tidemq.broker.config;

import java.util.Objects;

/**
 * Message features that are not storage layout.
 *
 * @param messageDelayLevel    delay of each scheduled-message level
 * @param enablePropertyFilter accept SQL92 property filters from consumers
 * @param timer                timed messages (deliver time / delay in ms or s)
 */
public record MessageFeatureConfig(DelayLevels messageDelayLevel, boolean enablePropertyFilter, TimerConfig timer) {

    public MessageFeatureConfig {
        Objects.requireNonNull(messageDelayLevel, "messageDelayLevel");
        Objects.requireNonNull(timer, "timer");
    }

    /** Default timer settings. */
    public MessageFeatureConfig(DelayLevels messageDelayLevel, boolean enablePropertyFilter) {
        this(messageDelayLevel, enablePropertyFilter, TimerConfig.defaults());
    }

    public static MessageFeatureConfig defaults() {
        return new MessageFeatureConfig(DelayLevels.defaults(), false);
    }
}
