package org.tidemq.client.admin;

/**
 * An admin call failed: a broker or name server refused it ({@link #responseCode()} is its code) or none answered
 * ({@link #responseCode()} is {@value #NO_RESPONSE}).
 */
public class AdminException extends RuntimeException {
    public static final int NO_RESPONSE = -1;

    private final int responseCode;

    public AdminException(String message, int responseCode) {
        super(message);
        this.responseCode = responseCode;
    }

    public AdminException(String message, Throwable cause) {
        super(message, cause);
        this.responseCode = NO_RESPONSE;
    }

    public int responseCode() {
        return responseCode;
    }
}
