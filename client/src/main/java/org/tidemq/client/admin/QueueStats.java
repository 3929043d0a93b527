package org.tidemq.client.admin;

/**
 * One queue's state as GET_TOPIC_STATS_INFO reports it.
 *
 * @param minOffset           smallest stored offset
 * @param maxOffset           exclusive max offset (messages written)
 * @param lastUpdateTimestamp store time of the last message, 0 when empty
 */
public record QueueStats(long minOffset, long maxOffset, long lastUpdateTimestamp) {
    /** Messages currently stored. */
    public long messageCount() {
        return maxOffset - minOffset;
    }
}
