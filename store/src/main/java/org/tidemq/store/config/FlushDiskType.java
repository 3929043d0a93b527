package org.tidemq.store.config;

/** When an append is acknowledged relative to the disk (RocketMQ's {@code flushDiskType}). */
public enum FlushDiskType {
    /** Acknowledge after the page-cache write; a background flusher forces on an interval or page count. */
    ASYNC_FLUSH,
    /** Group commit: acknowledge only after a {@code force()} covers the message. */
    SYNC_FLUSH
}
