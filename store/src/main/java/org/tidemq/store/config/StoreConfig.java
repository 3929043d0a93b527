package org.tidemq.store.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything the storage engine is configured with. Validated on construction; build one with {@link #builder(Path)}
 * or map RocketMQ {@code .properties} keys with {@link StoreConfigMapper}.
 *
 * @param storePathRootDir                root of the store: {@code consumequeue/}, {@code index/}, {@code checkpoint},
 *                                        {@code abort}, {@code lock}
 * @param storePathCommitLog              directory of the CommitLog segments (default {@code <root>/commitlog})
 * @param mappedFileSizeCommitLogBytes    size of one CommitLog segment (default 1 GiB)
 * @param mappedFileSizeConsumeQueueBytes size of one ConsumeQueue file, a multiple of the 20-byte entry
 *                                        (default 300,000 entries)
 * @param maxMessageSizeBytes             largest stored record accepted (default 4 MiB)
 * @param warmMappedFileEnable            touch every page of a pre-allocated segment before the writer needs it
 * @param appendLockType                  lock serialising CommitLog appends
 * @param osPageCacheBusyTimeoutMs        an append that finds the lock held longer than this gets OS_PAGECACHE_BUSY
 * @param flush                           flush policy
 * @param index                           message-key index
 * @param retention                       segment expiry and disk protection
 */
public record StoreConfig(
        Path storePathRootDir,
        Path storePathCommitLog,
        int mappedFileSizeCommitLogBytes,
        int mappedFileSizeConsumeQueueBytes,
        int maxMessageSizeBytes,
        boolean warmMappedFileEnable,
        AppendLockType appendLockType,
        int osPageCacheBusyTimeoutMs,
        FlushConfig flush,
        IndexConfig index,
        RetentionConfig retention) {

    public static final int DEFAULT_MAPPED_FILE_SIZE_COMMIT_LOG = 1024 * 1024 * 1024;
    /** 300,000 entries of 20 bytes. */
    public static final int DEFAULT_MAPPED_FILE_SIZE_CONSUME_QUEUE = 300_000 * 20;
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 4 * 1024 * 1024;
    public static final int DEFAULT_OS_PAGE_CACHE_BUSY_TIMEOUT_MS = 1_000;
    /** Smallest accepted segment: one OS page. */
    public static final int MIN_MAPPED_FILE_SIZE = 4096;
    private static final int CONSUME_QUEUE_ENTRY_SIZE = 20;
    /** A segment must keep room for the end-of-file blank filler after the largest record. */
    private static final int BLANK_FILLER_MIN_SIZE = 8;

    public StoreConfig {
        Objects.requireNonNull(storePathRootDir, "storePathRootDir");
        Objects.requireNonNull(storePathCommitLog, "storePathCommitLog");
        Objects.requireNonNull(appendLockType, "appendLockType");
        Objects.requireNonNull(flush, "flush");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(retention, "retention");
        if (mappedFileSizeCommitLogBytes < MIN_MAPPED_FILE_SIZE) {
            throw new IllegalArgumentException("mappedFileSizeCommitLog must be >= " + MIN_MAPPED_FILE_SIZE
                    + " bytes, got " + mappedFileSizeCommitLogBytes);
        }
        if (mappedFileSizeConsumeQueueBytes < CONSUME_QUEUE_ENTRY_SIZE
                || mappedFileSizeConsumeQueueBytes % CONSUME_QUEUE_ENTRY_SIZE != 0) {
            throw new IllegalArgumentException("mappedFileSizeConsumeQueue must be a positive multiple of "
                    + CONSUME_QUEUE_ENTRY_SIZE + " bytes, got " + mappedFileSizeConsumeQueueBytes);
        }
        ConfigChecks.positive("maxMessageSize", maxMessageSizeBytes);
        if (maxMessageSizeBytes > mappedFileSizeCommitLogBytes - BLANK_FILLER_MIN_SIZE) {
            throw new IllegalArgumentException("maxMessageSize (" + maxMessageSizeBytes
                    + ") must be at most mappedFileSizeCommitLog - " + BLANK_FILLER_MIN_SIZE + " ("
                    + (mappedFileSizeCommitLogBytes - BLANK_FILLER_MIN_SIZE) + "): a record never spans segments");
        }
        ConfigChecks.positive("osPageCacheBusyTimeOutMills", osPageCacheBusyTimeoutMs);
    }

    public FlushDiskType flushDiskType() {
        return flush.flushDiskType();
    }

    public Path consumeQueueRootDir() {
        return storePathRootDir.resolve("consumequeue");
    }

    public Path indexDir() {
        return storePathRootDir.resolve("index");
    }

    public Path checkpointFile() {
        return storePathRootDir.resolve("checkpoint");
    }

    public Path abortFile() {
        return storePathRootDir.resolve("abort");
    }

    public Path lockFile() {
        return storePathRootDir.resolve("lock");
    }

    public static Builder builder(Path storePathRootDir) {
        return new Builder(storePathRootDir);
    }

    public Builder toBuilder() {
        Builder b = new Builder(storePathRootDir);
        b.storePathCommitLog = storePathCommitLog;
        b.mappedFileSizeCommitLogBytes = mappedFileSizeCommitLogBytes;
        b.mappedFileSizeConsumeQueueBytes = mappedFileSizeConsumeQueueBytes;
        b.maxMessageSizeBytes = maxMessageSizeBytes;
        b.warmMappedFileEnable = warmMappedFileEnable;
        b.appendLockType = appendLockType;
        b.osPageCacheBusyTimeoutMs = osPageCacheBusyTimeoutMs;
        b.flush = flush;
        b.index = index;
        b.retention = retention;
        return b;
    }

    /** Mutable builder; {@link #build()} validates. The CommitLog path follows the root unless set explicitly. */
    public static final class Builder {
        private Path storePathRootDir;
        private Path storePathCommitLog;
        private int mappedFileSizeCommitLogBytes = DEFAULT_MAPPED_FILE_SIZE_COMMIT_LOG;
        private int mappedFileSizeConsumeQueueBytes = DEFAULT_MAPPED_FILE_SIZE_CONSUME_QUEUE;
        /** 0 = not set: the default, capped to what a segment can hold. */
        private int maxMessageSizeBytes;
        private boolean warmMappedFileEnable;
        private AppendLockType appendLockType = AppendLockType.REENTRANT;
        private int osPageCacheBusyTimeoutMs = DEFAULT_OS_PAGE_CACHE_BUSY_TIMEOUT_MS;
        private FlushConfig flush = FlushConfig.defaults();
        private IndexConfig index = IndexConfig.defaults();
        private RetentionConfig retention = RetentionConfig.defaults();

        private Builder(Path storePathRootDir) {
            this.storePathRootDir = Objects.requireNonNull(storePathRootDir, "storePathRootDir");
        }

        public Builder storePathRootDir(Path value) {
            storePathRootDir = value;
            return this;
        }

        public Builder storePathCommitLog(Path value) {
            storePathCommitLog = value;
            return this;
        }

        public Builder mappedFileSizeCommitLogBytes(int value) {
            mappedFileSizeCommitLogBytes = value;
            return this;
        }

        public Builder mappedFileSizeConsumeQueueBytes(int value) {
            mappedFileSizeConsumeQueueBytes = value;
            return this;
        }

        /** Default: 4 MiB, or less when a CommitLog segment is smaller. */
        public Builder maxMessageSizeBytes(int value) {
            if (value == 0) {
                throw new IllegalArgumentException("maxMessageSize must be > 0, got 0");
            }
            maxMessageSizeBytes = value;
            return this;
        }

        public Builder warmMappedFileEnable(boolean value) {
            warmMappedFileEnable = value;
            return this;
        }

        public Builder appendLockType(AppendLockType value) {
            appendLockType = value;
            return this;
        }

        public Builder osPageCacheBusyTimeoutMs(int value) {
            osPageCacheBusyTimeoutMs = value;
            return this;
        }

        public Builder flush(FlushConfig value) {
            flush = value;
            return this;
        }

        /** Shortcut: replaces only the flush type of the current {@link FlushConfig}. */
        public Builder flushDiskType(FlushDiskType value) {
            flush = new FlushConfig(value, flush.flushIntervalCommitLogMs(), flush.flushCommitLogLeastPages(),
                    flush.flushCommitLogThoroughIntervalMs(), flush.syncFlushTimeoutMs(),
                    flush.flushIntervalConsumeQueueMs(), flush.flushConsumeQueueLeastPages(),
                    flush.flushConsumeQueueThoroughIntervalMs());
            return this;
        }

        public Builder index(IndexConfig value) {
            index = value;
            return this;
        }

        /** Shortcut: switches the message-key index on or off, keeping its sizes. */
        public Builder messageIndexEnable(boolean value) {
            index = new IndexConfig(value, index.maxHashSlotNum(), index.maxIndexNum());
            return this;
        }

        public Builder retention(RetentionConfig value) {
            retention = value;
            return this;
        }

        public StoreConfig build() {
            Path commitLog = storePathCommitLog != null ? storePathCommitLog : storePathRootDir.resolve("commitlog");
            int maxMessageSize = maxMessageSizeBytes != 0 ? maxMessageSizeBytes
                    : Math.min(DEFAULT_MAX_MESSAGE_SIZE, mappedFileSizeCommitLogBytes - BLANK_FILLER_MIN_SIZE);
            return new StoreConfig(storePathRootDir, commitLog, mappedFileSizeCommitLogBytes,
                    mappedFileSizeConsumeQueueBytes, maxMessageSize, warmMappedFileEnable, appendLockType,
                    osPageCacheBusyTimeoutMs, flush, index, retention);
        }
    }
}
