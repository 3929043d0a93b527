package org.tidemq.client.consumer.internal;

import org.tidemq.client.MessageQueue;

import java.util.Objects;

/**
 * One PULL_MESSAGE request (facts §4.2).
 *
 * @param consumerGroup         the group pulling
 * @param queue                 the queue to read
 * @param subExpression         TAG/SQL92 expression sent with the pull (sets sysFlag SUBSCRIPTION), or {@code null}
 *                              to let the broker use the subscription registered by heartbeat
 * @param expressionType        {@code TAG} or {@code SQL92}; {@code null} means TAG
 * @param subVersion            the subscription's version
 * @param queueOffset           first queue offset wanted
 * @param maxMessages           at most this many messages
 * @param commitOffset          offset to commit on the broker with this pull (sysFlag COMMIT_OFFSET) when positive;
 *                              0 or −1 commits nothing. Must be 0/−1 when pulling from a slave.
 * @param suspend               let the broker hold the pull until a message arrives (long polling)
 * @param suspendTimeoutMillis  how long the broker may hold it
 * @param requestTimeoutMillis  network timeout; for a suspended pull the effective timeout is at least
 *                              {@code suspendTimeoutMillis} plus {@link PullApi#LONG_POLL_MARGIN_MILLIS}
 */
public record PullSpec(String consumerGroup, MessageQueue queue, String subExpression, String expressionType,
                       long subVersion, long queueOffset, int maxMessages, long commitOffset, boolean suspend,
                       long suspendTimeoutMillis, long requestTimeoutMillis) {
    public PullSpec {
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(queue, "queue");
        if (queueOffset < 0) {
            throw new IllegalArgumentException("queueOffset must not be negative but was " + queueOffset);
        }
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be positive but was " + maxMessages);
        }
        if (suspendTimeoutMillis < 0 || requestTimeoutMillis <= 0) {
            throw new IllegalArgumentException("timeouts must be positive: suspend " + suspendTimeoutMillis
                    + " ms, request " + requestTimeoutMillis + " ms");
        }
    }

    /** The network timeout to use: long enough for the broker's hold of a suspended pull. */
    public long effectiveTimeoutMillis() {
        return suspend ? Math.max(requestTimeoutMillis, suspendTimeoutMillis + PullApi.LONG_POLL_MARGIN_MILLIS)
                : requestTimeoutMillis;
    }
}
