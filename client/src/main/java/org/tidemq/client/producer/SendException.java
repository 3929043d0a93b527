package org.tidemq.client.producer;

import org.tidemq.common.remoting.ResponseCode;

/**
 * A send that did not store the message: the broker refused it, no broker could be reached, or time ran out.
 * {@link #responseCode()} and {@link #remark()} carry the broker's answer when there was one.
 */
public class SendException extends RuntimeException {
    private final Integer responseCode;
    private final String remark;

    public SendException(String message, Throwable cause) {
        super(message, cause);
        this.responseCode = null;
        this.remark = null;
    }

    public SendException(String brokerName, int responseCode, String remark, int attempts) {
        super("broker " + brokerName + " refused the message with code " + responseCode + " ("
                + ResponseCode.nameOf(responseCode) + "), remark: " + remark + " [attempts: " + attempts + "]");
        this.responseCode = responseCode;
        this.remark = remark;
    }

    /** The broker's response code, or {@code null} when no broker answered. */
    public Integer responseCode() {
        return responseCode;
    }

    /** The broker's remark, or {@code null}. */
    public String remark() {
        return remark;
    }
}
