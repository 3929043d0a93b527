package org.tidemq.client.consumer;

/**
 * A consumer operation failed: a broker refused it (then {@link #responseCode()} is the broker's code) or could not
 * be reached ({@link #responseCode()} is {@value #NO_RESPONSE}).
 */
public class ConsumerException extends RuntimeException {
    /** {@link #responseCode()} when no broker answered. */
    public static final int NO_RESPONSE = -1;

    private final int responseCode;

    public ConsumerException(String message, Throwable cause) {
        super(message, cause);
        this.responseCode = NO_RESPONSE;
    }

    public ConsumerException(String message, int responseCode) {
        super(message);
        this.responseCode = responseCode;
    }

    public int responseCode() {
        return responseCode;
    }
}
