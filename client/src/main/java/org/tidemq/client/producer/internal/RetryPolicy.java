package org.tidemq.client.producer.internal;

import org.tidemq.common.remoting.ResponseCode;

import java.util.Set;

/**
 * Which failed sends a producer repeats on another broker (facts §4.1): I/O failures and the response codes
 * TOPIC_NOT_EXIST, SERVICE_NOT_AVAILABLE, SYSTEM_ERROR, NO_PERMISSION, NO_BUYER_ID and NOT_IN_CURRENT_UNIT. Any other
 * code fails the send at once.
 *
 * @param retries extra attempts after the first
 */
public record RetryPolicy(int retries) {
    public static final Set<Integer> RETRYABLE_CODES = Set.of(ResponseCode.TOPIC_NOT_EXIST,
            ResponseCode.SERVICE_NOT_AVAILABLE, ResponseCode.SYSTEM_ERROR, ResponseCode.NO_PERMISSION,
            ResponseCode.NO_BUYER_ID, ResponseCode.NOT_IN_CURRENT_UNIT);

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative but was " + retries);
        }
    }

    public int maxAttempts() {
        return retries + 1;
    }

    public boolean isRetryable(int responseCode) {
        return RETRYABLE_CODES.contains(responseCode);
    }
}
