package org.tidemq.client.producer;

import org.tidemq.common.remoting.ResponseCode;

/** How a broker stored a sent message. Every status means the message was stored. */
public enum SendStatus {
    SEND_OK,
    /** Stored, but not flushed within the broker's sync-flush timeout. */
    FLUSH_DISK_TIMEOUT,
    /** Stored on the master, but the slave did not confirm in time. */
    FLUSH_SLAVE_TIMEOUT,
    /** Stored on the master; no slave was available for synchronous replication. */
    SLAVE_NOT_AVAILABLE;

    /** The status a stored-message response code means, or {@code null} when the code is not a stored outcome. */
    public static SendStatus ofResponseCode(int code) {
        return switch (code) {
            case ResponseCode.SUCCESS -> SEND_OK;
            case ResponseCode.FLUSH_DISK_TIMEOUT -> FLUSH_DISK_TIMEOUT;
            case ResponseCode.FLUSH_SLAVE_TIMEOUT -> FLUSH_SLAVE_TIMEOUT;
            case ResponseCode.SLAVE_NOT_AVAILABLE -> SLAVE_NOT_AVAILABLE;
            default -> null;
        };
    }
}
