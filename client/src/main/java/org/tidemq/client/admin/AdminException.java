package org.tidemq.client.admin;

/**
 * An admin call failed: a broker or name server refused it ({@link #responseCode()} is its code) or none answered
 * ({@link #responseCode()} is {@value #NO_RESPONSE}).
 */
public class AdminException extends RuntimeException {
    public static final int NO_RESPONSE = -1;

    private final int responseCode;
    private final String remark;

    public AdminException(String message, int responseCode) {
        this(message, responseCode, null);
    }

    /** @param remark the refusing side's own remark, as it sent it */
    public AdminException(String message, int responseCode, String remark) {
        super(message);
        this.responseCode = responseCode;
        this.remark = remark;
    }

    public AdminException(String message, Throwable cause) {
        super(message, cause);
        this.responseCode = NO_RESPONSE;
        this.remark = null;
    }

    /** The remark the broker or name server sent with its refusal; the message when there is none. */
    public String remark() {
        return remark != null ? remark : getMessage();
    }

    public int responseCode() {
        return responseCode;
    }
}
