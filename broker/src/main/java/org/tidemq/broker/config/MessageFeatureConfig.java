package org.tidemq.broker.config;

import java.util.Objects;

/**
 * Message features that are not storage layout.
 *
 * @param messageDelayLevel    delay of each scheduled-message level
 * @param enablePropertyFilter accept SQL92 property filters from consumers
 */
public record MessageFeatureConfig(DelayLevels messageDelayLevel, boolean enablePropertyFilter) {

    public MessageFeatureConfig {
        Objects.requireNonNull(messageDelayLevel, "messageDelayLevel");
    }

    public static MessageFeatureConfig defaults() {
        return new MessageFeatureConfig(DelayLevels.defaults(), false);
    }
}
