package org.tidemq.client.admin;

/**
 * One queue's progress for a consumer group (GET_CONSUME_STATS's OffsetWrapper).
 *
 * @param brokerOffset   the queue's max offset
 * @param consumerOffset the group's committed offset
 * @param pullOffset     where the group last pulled (5.x; equals consumerOffset on older brokers)
 * @param lastTimestamp  store time of the last consumed message, 0 when unknown
 */
public record QueueConsumeStats(long brokerOffset, long consumerOffset, long pullOffset, long lastTimestamp) {
    /** Messages not yet consumed. */
    public long lag() {
        return Math.max(0, brokerOffset - consumerOffset);
    }
}
