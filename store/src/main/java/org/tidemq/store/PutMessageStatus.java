package org.tidemq.store;

/** Outcome of an append, then of its durability wait (RocketMQ's PutMessageStatus subset). */
public enum PutMessageStatus {
    /** Stored, and durable as configured. */
    PUT_OK,
    /** Stored, but SYNC_FLUSH did not force it within {@code syncFlushTimeout}. */
    FLUSH_DISK_TIMEOUT,
    /** Stored, but the replication stage did not confirm it in time. */
    FLUSH_SLAVE_TIMEOUT,
    /** Stored, but no replica can confirm it. */
    SLAVE_NOT_AVAILABLE,
    /** Not stored: the message is malformed or too large (reason says which). */
    MESSAGE_ILLEGAL,
    /** Not stored: the properties exceed 32767 bytes. */
    PROPERTIES_SIZE_EXCEEDED,
    /** Not stored: the store is shut down, read-only, or a {@link WriteGate} refused (reason says why). */
    SERVICE_NOT_AVAILABLE,
    /** Not stored: the append lock was held too long ({@code osPageCacheBusyTimeOutMills}); retry later. */
    OS_PAGECACHE_BUSY,
    /** Not stored: an unexpected I/O failure (reason names it). */
    UNKNOWN_ERROR;

    /** Whether the message is in the CommitLog (possibly not yet as durable as configured). */
    public boolean isStored() {
        return this == PUT_OK || this == FLUSH_DISK_TIMEOUT || this == FLUSH_SLAVE_TIMEOUT
                || this == SLAVE_NOT_AVAILABLE;
    }
}
