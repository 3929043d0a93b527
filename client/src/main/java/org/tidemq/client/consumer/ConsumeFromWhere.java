package org.tidemq.client.consumer;

/**
 * Where a consumer starts reading a queue for which its group has no committed offset yet. Queues with a committed
 * offset always resume from it.
 */
public enum ConsumeFromWhere {
    /** Only messages arriving from now on (RocketMQ's default); retry topics start from their beginning. */
    LAST_OFFSET("CONSUME_FROM_LAST_OFFSET"),
    /** Everything still stored. */
    FIRST_OFFSET("CONSUME_FROM_FIRST_OFFSET"),
    /** The first message stored at or after a given timestamp. */
    TIMESTAMP("CONSUME_FROM_TIMESTAMP");

    private final String wireName;

    ConsumeFromWhere(String wireName) {
        this.wireName = wireName;
    }

    /** The name HEART_BEAT's {@code consumeFromWhere} carries. */
    public String wireName() {
        return wireName;
    }
}
