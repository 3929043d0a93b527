package org.tidemq.store.crash;

import java.nio.file.Path;
import org.tidemq.store.config.FlushConfig;
import org.tidemq.store.config.FlushDiskType;
import org.tidemq.store.config.IndexConfig;
import org.tidemq.store.config.StoreConfig;
import org.tidemq.store.retention.DiskUsageProbe;

/** The store the crash tests kill: small files so every kind of file rolls over within a few rounds. */
final class CrashStores {

    static final int SEGMENT_SIZE = 1024 * 1024;
    static final int CONSUME_QUEUE_FILE_SIZE = 500 * 20;
    static final int MAX_BODY_SIZE = 4096;
    /**
     * ASYNC_FLUSH forces every 20 ms (RocketMQ: 500 ms), so the short runs between kills see forces, and the power
     * cut loses only the acknowledgements of the last moments, not whole runs.
     */
    static final int ASYNC_FLUSH_INTERVAL_MS = 20;
    /** The crash tests are not about disk space: a full host disk must not refuse their writes. */
    static final DiskUsageProbe EMPTY_DISK = path -> 0.0;

    private CrashStores() {
    }

    static StoreConfig config(Path root, FlushDiskType flushDiskType) {
        FlushConfig flush = FlushConfig.defaults();
        return StoreConfig.builder(root)
                .mappedFileSizeCommitLogBytes(SEGMENT_SIZE)
                .mappedFileSizeConsumeQueueBytes(CONSUME_QUEUE_FILE_SIZE)
                .maxMessageSizeBytes(16 * 1024)
                .index(new IndexConfig(true, 256, 2_000))
                .flush(new FlushConfig(flushDiskType, ASYNC_FLUSH_INTERVAL_MS,
                        flush.flushCommitLogLeastPages(), flush.flushCommitLogThoroughIntervalMs(),
                        flush.syncFlushTimeoutMs(), flush.flushIntervalConsumeQueueMs(),
                        flush.flushConsumeQueueLeastPages(), flush.flushConsumeQueueThoroughIntervalMs()))
                .build();
    }
}
