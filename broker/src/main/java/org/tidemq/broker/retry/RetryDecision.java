package org.tidemq.broker.retry;

import org.tidemq.broker.topic.GroupTopics;

/**
 * Where a message that a consumer failed to process goes next (RocketMQ's send-back rule, facts §4.4 and §9.5).
 *
 * <p>{@code scheduledDelayLevel} is the delay level the retry is parked under in SCHEDULE_TOPIC_XXXX (level
 * {@code 3 + reconsumeTimes} unless the consumer asked for one) before it reaches {@code %RETRY%<group>}. It is 0
 * for a dead letter, which is stored at once.
 *
 * @param topic               {@code %RETRY%<group>} or {@code %DLQ%<group>}
 * @param deadLetter          whether the message goes to the dead-letter queue
 * @param scheduledDelayLevel delay level of the retry (1-based), 0 for a dead letter
 * @param reconsumeTimes      the stored message's RECONSUMETIMES: the failed message's + 1
 */
public record RetryDecision(String topic, boolean deadLetter, int scheduledDelayLevel, int reconsumeTimes) {
    /** Retries start at level 3 (10 s with the default levels). */
    public static final int FIRST_RETRY_DELAY_LEVEL = 3;
    /** {@code SubscriptionGroupConfig.retryMaxTimes} default. */
    public static final int DEFAULT_MAX_RECONSUME_TIMES = 16;

    /**
     * The decision for a CONSUMER_SEND_MSG_BACK: dead letter when the message was already reconsumed
     * {@code maxReconsumeTimes} times or more, or when the consumer asked for it (negative delay level).
     *
     * @param reconsumeTimes     RECONSUMETIMES of the failed message
     * @param maxReconsumeTimes  the limit in force (the request's, else the group's {@code retryMaxTimes})
     * @param requestedDelayLevel the request's delayLevel (0 = broker picks)
     */
    public static RetryDecision forSendBack(String group, int reconsumeTimes, int maxReconsumeTimes,
                                            int requestedDelayLevel) {
        if (reconsumeTimes >= maxReconsumeTimes || requestedDelayLevel < 0) {
            return new RetryDecision(GroupTopics.dlqTopic(group), true, 0, reconsumeTimes + 1);
        }
        int level = requestedDelayLevel == 0 ? FIRST_RETRY_DELAY_LEVEL + reconsumeTimes : requestedDelayLevel;
        return new RetryDecision(GroupTopics.retryTopic(group), false, level, reconsumeTimes + 1);
    }
}
