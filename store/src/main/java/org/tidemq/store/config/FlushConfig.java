package org.tidemq.store.config;

import java.util.Objects;

/**
 * When the CommitLog and the ConsumeQueues are forced to disk.
 *
 * @param flushDiskType                       ASYNC_FLUSH or SYNC_FLUSH (group commit)
 * @param flushIntervalCommitLogMs            ASYNC_FLUSH: how often the flusher looks at the dirty pages
 * @param flushCommitLogLeastPages            ASYNC_FLUSH: force only when at least this many 4 KiB pages are dirty
 * @param flushCommitLogThoroughIntervalMs    ASYNC_FLUSH: force whatever is dirty at least this often
 * @param syncFlushTimeoutMs                  SYNC_FLUSH: a writer waits at most this long, then FLUSH_DISK_TIMEOUT
 * @param flushIntervalConsumeQueueMs         how often ConsumeQueues (and the checkpoint) are flushed
 * @param flushConsumeQueueLeastPages         force a ConsumeQueue only when this many pages are dirty
 * @param flushConsumeQueueThoroughIntervalMs force all ConsumeQueues and write the checkpoint at least this often
 */
public record FlushConfig(
        FlushDiskType flushDiskType,
        int flushIntervalCommitLogMs,
        int flushCommitLogLeastPages,
        int flushCommitLogThoroughIntervalMs,
        int syncFlushTimeoutMs,
        int flushIntervalConsumeQueueMs,
        int flushConsumeQueueLeastPages,
        int flushConsumeQueueThoroughIntervalMs) {

    public static final int DEFAULT_FLUSH_INTERVAL_COMMIT_LOG_MS = 500;
    public static final int DEFAULT_FLUSH_COMMIT_LOG_LEAST_PAGES = 4;
    public static final int DEFAULT_FLUSH_COMMIT_LOG_THOROUGH_INTERVAL_MS = 10_000;
    public static final int DEFAULT_SYNC_FLUSH_TIMEOUT_MS = 5_000;
    public static final int DEFAULT_FLUSH_INTERVAL_CONSUME_QUEUE_MS = 1_000;
    public static final int DEFAULT_FLUSH_CONSUME_QUEUE_LEAST_PAGES = 2;
    public static final int DEFAULT_FLUSH_CONSUME_QUEUE_THOROUGH_INTERVAL_MS = 60_000;

    public FlushConfig {
        Objects.requireNonNull(flushDiskType, "flushDiskType");
        ConfigChecks.positive("flushIntervalCommitLog", flushIntervalCommitLogMs);
        ConfigChecks.notNegative("flushCommitLogLeastPages", flushCommitLogLeastPages);
        ConfigChecks.positive("flushCommitLogThoroughInterval", flushCommitLogThoroughIntervalMs);
        ConfigChecks.positive("syncFlushTimeout", syncFlushTimeoutMs);
        ConfigChecks.positive("flushIntervalConsumeQueue", flushIntervalConsumeQueueMs);
        ConfigChecks.notNegative("flushConsumeQueueLeastPages", flushConsumeQueueLeastPages);
        ConfigChecks.positive("flushConsumeQueueThoroughInterval", flushConsumeQueueThoroughIntervalMs);
    }

    public static FlushConfig defaults() {
        return new FlushConfig(FlushDiskType.ASYNC_FLUSH, DEFAULT_FLUSH_INTERVAL_COMMIT_LOG_MS,
                DEFAULT_FLUSH_COMMIT_LOG_LEAST_PAGES, DEFAULT_FLUSH_COMMIT_LOG_THOROUGH_INTERVAL_MS,
                DEFAULT_SYNC_FLUSH_TIMEOUT_MS, DEFAULT_FLUSH_INTERVAL_CONSUME_QUEUE_MS,
                DEFAULT_FLUSH_CONSUME_QUEUE_LEAST_PAGES, DEFAULT_FLUSH_CONSUME_QUEUE_THOROUGH_INTERVAL_MS);
    }
}
