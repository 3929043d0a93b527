package org.tidemq.tools.benchmark;

/** Told about every consumed message; called concurrently from the consumer's threads, so it must be thread-safe. */
@FunctionalInterface
public interface ConsumedListener {

    /**
     * @param bornTimestampMillis when the producer created the message (its clock)
     * @param bodyBytes           the body's size
     * @param dueMillis           when a benchmark scheduled the message to be delivered
     *                            ({@link Schedule#DUE_PROPERTY}), or -1 for an unscheduled message
     */
    void onMessage(long bornTimestampMillis, int bodyBytes, long dueMillis);
}
