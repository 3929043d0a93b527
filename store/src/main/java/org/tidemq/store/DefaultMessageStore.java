package org.tidemq.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.store.checkpoint.AbortMarker;
import org.tidemq.store.checkpoint.StoreCheckpoint;
import org.tidemq.store.checkpoint.StoreDirectoryLock;
import org.tidemq.store.commitlog.AppendLock;
import org.tidemq.store.commitlog.CommitLog;
import org.tidemq.store.commitlog.QueueOffsetTable;
import org.tidemq.store.commitlog.ResidentPageTrimService;
import org.tidemq.store.config.FlushDiskType;
import org.tidemq.store.config.StoreConfig;
import org.tidemq.store.consumequeue.ConsumeQueue;
import org.tidemq.store.consumequeue.ConsumeQueueDispatcher;
import org.tidemq.store.consumequeue.ConsumeQueueStore;
import org.tidemq.store.dispatch.CommitLogDispatchService;
import org.tidemq.store.dispatch.CommitLogDispatcher;
import org.tidemq.store.durability.DurabilityPipeline;
import org.tidemq.store.durability.DurabilityStage;
import org.tidemq.store.flush.AsyncFlushService;
import org.tidemq.store.flush.CommitLogFlusher;
import org.tidemq.store.flush.ConsumeQueueFlushService;
import org.tidemq.store.flush.GroupCommitService;
import org.tidemq.store.index.IndexCheckpoint;
import org.tidemq.store.index.IndexFileLayout;
import org.tidemq.store.index.IndexQueryResult;
import org.tidemq.store.index.IndexService;
import org.tidemq.store.mappedfile.AllocateMappedFileService;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.mappedfile.MappedFile;
import org.tidemq.store.mappedfile.MappedFileQueue;
import org.tidemq.store.message.MessageToStore;
import org.tidemq.store.read.QueueReader;
import org.tidemq.store.recovery.CommitLogRecovery;
import org.tidemq.store.retention.DiskUsageProbe;
import org.tidemq.store.retention.FileStoreDiskUsageProbe;
import org.tidemq.store.retention.Pause;
import org.tidemq.store.retention.RetentionService;
import org.tidemq.store.retention.RetentionTarget;
import org.tidemq.store.util.ServiceThread;

/**
 * The {@link MessageStore}: wires CommitLog, flush, dispatch, ConsumeQueues, index, retention, checkpoint and
 * recovery. Open with {@link #open(StoreConfig)}; the returned store is recovered and running.
 */
public final class DefaultMessageStore implements MessageStore {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultMessageStore.class);
    /** How often overdue SYNC_FLUSH waiters are expired even while a force hangs. */
    private static final long EXPIRE_WAITERS_INTERVAL_MS = 100;

    private final StoreConfig config;
    private final LongSupplier clock;
    private final StoreDirectoryLock directoryLock;
    private final AbortMarker abortMarker;
    private final StoreCheckpoint checkpoint;
    private final boolean abnormalShutdown;
    private final AllocateMappedFileService allocator;
    private final CommitLog commitLog;
    private final DurabilityPipeline durability = new DurabilityPipeline();
    private final ConsumeQueueStore consumeQueues;
    private final ConsumeQueueDispatcher consumeQueueDispatcher;
    private final CommitLogDispatchService dispatchService;
    private final QueueReader reader;
    private final List<WriteGate> writeGates = new CopyOnWriteArrayList<>();
    private final List<ServiceThread> services = new ArrayList<>();
    private final GroupCommitService groupCommit;
    private final ConsumeQueueFlushService consumeQueueFlush;
    private final IndexService indexService;
    private final ExecutorService indexFlushExecutor;
    private final RetentionService retention;
    private final ScheduledExecutorService housekeeping;
    private volatile boolean shutdown;

    /** Opens with the system clock. */
    public static DefaultMessageStore open(StoreConfig config) throws IOException {
        return open(config, Clock.systemDefaultZone());
    }

    /**
     * Locks the store directory, loads and recovers the store, and starts its services.
     *
     * @param clock store timestamps, service timing, retention hours and index file names
     * @throws IOException naming the file when the store cannot be opened (directory locked, segment of the wrong
     *                     size, ...)
     */
    public static DefaultMessageStore open(StoreConfig config, Clock clock) throws IOException {
        return open(config, clock, new FileStoreDiskUsageProbe(), flushedOffset -> {
        });
    }

    /**
     * As {@link #open(StoreConfig, Clock)} with injected collaborators, so tests control disk usage and see forces.
     *
     * @param diskUsageProbe         what retention and the disk-full write gate measure
     * @param commitLogFlushObserver receives the CommitLog's flushed offset after every flush attempt, on the flush
     *                               thread, before any SYNC_FLUSH waiter covered by that flush is completed
     */
    public static DefaultMessageStore open(StoreConfig config, Clock clock, DiskUsageProbe diskUsageProbe,
            LongConsumer commitLogFlushObserver) throws IOException {
        StoreDirectoryLock lock = StoreDirectoryLock.acquire(config.lockFile());
        try {
            DefaultMessageStore store = new DefaultMessageStore(config, clock, lock, diskUsageProbe,
                    commitLogFlushObserver);
            store.recoverAndStart();
            return store;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private DefaultMessageStore(StoreConfig config, Clock wallClock, StoreDirectoryLock lock,
            DiskUsageProbe diskUsageProbe, LongConsumer commitLogFlushObserver) throws IOException {
        this.config = config;
        this.clock = wallClock::millis;
        this.directoryLock = lock;
        Files.createDirectories(config.storePathRootDir());
        Files.createDirectories(config.storePathCommitLog());
        this.abortMarker = new AbortMarker(config.abortFile());
        this.abnormalShutdown = abortMarker.exists();
        this.checkpoint = StoreCheckpoint.load(config.checkpointFile());
        this.allocator = new AllocateMappedFileService(config.warmMappedFileEnable(), "CommitLogAllocate");
        MappedFileQueue segments = new MappedFileQueue(config.storePathCommitLog(),
                config.mappedFileSizeCommitLogBytes(), allocator);
        this.commitLog = new CommitLog(segments, AppendLock.of(config.appendLockType()), new QueueOffsetTable(),
                durability, clock, config.maxMessageSizeBytes(), config.osPageCacheBusyTimeoutMs());
        this.consumeQueues = new ConsumeQueueStore(config.consumeQueueRootDir(),
                config.mappedFileSizeConsumeQueueBytes());
        this.consumeQueueDispatcher = new ConsumeQueueDispatcher(consumeQueues);
        this.dispatchService = new CommitLogDispatchService(commitLog, durability::visibleOffset);
        this.dispatchService.addDispatcher(consumeQueueDispatcher);
        this.reader = new QueueReader(commitLog, consumeQueues);

        CommitLogFlusher flusher = commitLogFlusher(commitLog, commitLogFlushObserver);
        if (config.flushDiskType() == FlushDiskType.SYNC_FLUSH) {
            groupCommit = new GroupCommitService(flusher, clock, checkpoint::setPhysicMsgTimestamp,
                    config.flush().syncFlushTimeoutMs());
            durability.add(groupCommit);
            services.add(groupCommit);
        } else {
            groupCommit = null;
            services.add(new AsyncFlushService(flusher, clock, checkpoint::setPhysicMsgTimestamp,
                    config.flush().flushIntervalCommitLogMs(), config.flush().flushCommitLogLeastPages(),
                    config.flush().flushCommitLogThoroughIntervalMs()));
        }
        services.add(new ResidentPageTrimService(commitLog, ResidentPageTrimService.DEFAULT_TOUCHED_BYTES_THRESHOLD,
                ResidentPageTrimService.DEFAULT_INTERVAL_MS));
        this.consumeQueueFlush = new ConsumeQueueFlushService(consumeQueues,
                consumeQueueDispatcher::lastStoreTimestamp, checkpoint, clock,
                config.flush().flushIntervalConsumeQueueMs(), config.flush().flushConsumeQueueLeastPages(),
                config.flush().flushConsumeQueueThoroughIntervalMs());

        if (config.index().messageIndexEnable()) {
            indexFlushExecutor = Executors.newSingleThreadExecutor(daemon("IndexFlush"));
            indexService = new IndexService(config.indexDir(),
                    new IndexFileLayout(config.index().maxHashSlotNum(), config.index().maxIndexNum()),
                    indexCheckpoint(checkpoint), wallClock, indexFlushExecutor);
            dispatchService.addDispatcher(indexService);
        } else {
            indexFlushExecutor = null;
            indexService = null;
        }
        this.retention = new RetentionService(config.retention(), new StoreRetentionTarget(),
                diskUsageProbe, wallClock, Pause.SLEEP);
        this.writeGates.add(retention);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(daemon("StoreHousekeeping"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static CommitLogFlusher commitLogFlusher(CommitLog commitLog, LongConsumer flushObserver) {
        return new CommitLogFlusher() {
            @Override
            public long flush(int leastPages) {
                long flushed = commitLog.flush(leastPages);
                flushObserver.accept(flushed);
                return flushed;
            }

            @Override
            public long flushedOffset() {
                return commitLog.flushedOffset();
            }

            @Override
            public long writtenOffset() {
                return commitLog.maxOffset();
            }

            @Override
            public long lastStoreTimestamp() {
                return commitLog.lastStoreTimestamp();
            }
        };
    }

    private static IndexCheckpoint indexCheckpoint(StoreCheckpoint checkpoint) {
        return new IndexCheckpoint() {
            @Override
            public long indexMsgTimestamp() {
                return checkpoint.indexMsgTimestamp();
            }

            @Override
            public void recordIndexMsgTimestamp(long timestamp) {
                checkpoint.setIndexMsgTimestamp(timestamp);
                try {
                    checkpoint.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the checkpoint " + checkpoint.file(), e);
                }
            }
        };
    }

    // ---- recovery -------------------------------------------------------------------------------------------

    private void recoverAndStart() throws IOException {
        long started = clock.getAsLong();
        commitLog.segments().load();
        consumeQueues.load();
        if (indexService != null) {
            indexService.load(!abnormalShutdown);
        }
        CommitLogRecovery recovery = new CommitLogRecovery(commitLog.segments(), clock);
        CommitLogRecovery.Result recovered = recovery.recover(abnormalShutdown,
                checkpoint.commitLogRecoveryTimestamp());
        long validEnd = recovered.validEnd();
        for (ConsumeQueue queue : consumeQueues.all()) {
            queue.recover(abnormalShutdown);
        }
        for (CommitLogDispatcher dispatcher : dispatchService.dispatchers()) {
            dispatcher.truncateTo(validEnd);
        }
        long minOffset = commitLog.minOffset();
        for (ConsumeQueue queue : consumeQueues.all()) {
            queue.correctMinOffset(minOffset);
        }
        long replayFrom = replayStart(recovery, recovered);
        dispatchService.setDispatchedOffset(replayFrom);
        int replayed = dispatchService.dispatchUpTo(validEnd);
        if (dispatchService.dispatchedOffset() < validEnd) {
            LOG.warn("recovery replay stopped at {} before the CommitLog end {}", dispatchService.dispatchedOffset(),
                    validEnd);
        }
        restoreQueueOffsets();
        abortMarker.create();
        LOG.info("store {} opened after {} shutdown in {} ms: CommitLog [{}, {}), replayed {} record(s) from {}",
                config.storePathRootDir(), abnormalShutdown ? "an ABNORMAL" : "a clean",
                clock.getAsLong() - started, minOffset, validEnd, replayed, replayFrom);
        startServices();
    }

    /**
     * Where dispatchers must be fed again: the oldest record any of them may be missing. After a crash the
     * ConsumeQueues may have holes after the checkpoint's ConsumeQueue timestamp; each dispatcher also names its own
     * durable point (the index keeps only whole files across a crash).
     */
    private long replayStart(CommitLogRecovery recovery, CommitLogRecovery.Result recovered) {
        long from = abnormalShutdown
                ? Math.min(recovered.scanStart(), recovery.segmentStartFor(checkpoint.consumeQueueRecoveryTimestamp()))
                : recovered.validEnd();
        for (CommitLogDispatcher dispatcher : dispatchService.dispatchers()) {
            from = Math.min(from, dispatcher.durableCommitLogOffset());
        }
        return Math.max(from, commitLog.minOffset());
    }

    private void restoreQueueOffsets() {
        commitLog.withAppendsExcluded(() -> {
            QueueOffsetTable table = commitLog.queueOffsets();
            table.clear();
            for (ConsumeQueue queue : consumeQueues.all()) {
                table.set(queue.topic(), queue.queueId(), queue.maxOffsetInQueue());
            }
        });
    }

    private void startServices() {
        services.forEach(ServiceThread::start);
        dispatchService.start();
        consumeQueueFlush.start();
        retention.start();
        if (groupCommit != null) {
            housekeeping.scheduleWithFixedDelay(groupCommit::expireOverdue, EXPIRE_WAITERS_INTERVAL_MS,
                    EXPIRE_WAITERS_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
    }

    // ---- writes ---------------------------------------------------------------------------------------------

    @Override
    public PutMessageResult putMessage(MessageToStore message) {
        PutMessageResult refused = refusal();
        return refused != null ? refused : commitLog.append(message);
    }

    @Override
    public PutMessageResult putMessages(List<MessageToStore> batch) {
        PutMessageResult refused = refusal();
        return refused != null ? refused : commitLog.appendBatch(batch);
    }

    private PutMessageResult refusal() {
        if (shutdown) {
            return PutMessageResult.failed(PutMessageStatus.SERVICE_NOT_AVAILABLE, "store is shut down");
        }
        for (WriteGate gate : writeGates) {
            String reason = gate.refusalReason();
            if (reason != null) {
                return PutMessageResult.failed(PutMessageStatus.SERVICE_NOT_AVAILABLE, reason);
            }
        }
        return null;
    }

    // ---- reads ----------------------------------------------------------------------------------------------

    @Override
    public GetMessageResult getMessage(String topic, int queueId, long offset, int maxMsgNums, int maxTotalBytes,
            MessageFilter filter) {
        return reader.getMessage(topic, queueId, offset, maxMsgNums, maxTotalBytes, filter);
    }

    @Override
    public long getMaxOffsetInQueue(String topic, int queueId) {
        ConsumeQueue queue = consumeQueues.find(topic, queueId);
        return queue == null ? 0 : queue.maxOffsetInQueue();
    }

    @Override
    public long getMinOffsetInQueue(String topic, int queueId) {
        ConsumeQueue queue = consumeQueues.find(topic, queueId);
        return queue == null ? 0 : queue.minOffsetInQueue();
    }

    @Override
    public long getOffsetInQueueByTime(String topic, int queueId, long timestampMs) {
        return reader.offsetByTime(topic, queueId, timestampMs);
    }

    @Override
    public long getCommitLogOffsetInQueue(String topic, int queueId, long queueOffset) {
        ConsumeQueue queue = consumeQueues.find(topic, queueId);
        return queue == null ? -1 : queue.commitLogOffsetAt(queueOffset);
    }

    @Override
    public long getMessageStoreTimestamp(String topic, int queueId, long queueOffset) {
        ConsumeQueue queue = consumeQueues.find(topic, queueId);
        return queue == null ? -1 : reader.storeTimestamp(queue, queueOffset);
    }

    @Override
    public long getEarliestMessageTime(String topic, int queueId) {
        ConsumeQueue queue = consumeQueues.find(topic, queueId);
        return queue == null ? -1 : reader.storeTimestamp(queue, queue.minOffsetInQueue());
    }

    @Override
    public long getEarliestMessageTime() {
        return commitLog.storeTimestampAt(commitLog.minOffset());
    }

    @Override
    public MappedBufferSlice selectOneMessageByOffset(long commitLogOffset) {
        if (commitLogOffset >= dispatchService.dispatchedOffset()) {
            return null;
        }
        return commitLog.selectRecord(commitLogOffset);
    }

    @Override
    public Set<String> topics() {
        return consumeQueues.topics();
    }

    @Override
    public IndexQueryResult queryMessageOffsets(String topic, String key, int maxNum, long beginTimestamp,
            long endTimestamp) {
        if (indexService == null) {
            return new IndexQueryResult(List.of(), 0, 0);
        }
        return indexService.query(topic, key, maxNum, beginTimestamp, endTimestamp);
    }

    // ---- positions and replication --------------------------------------------------------------------------

    @Override
    public long getMinPhyOffset() {
        return commitLog.minOffset();
    }

    @Override
    public long getMaxPhyOffset() {
        return commitLog.maxOffset();
    }

    @Override
    public long getFlushedPhyOffset() {
        return commitLog.flushedOffset();
    }

    @Override
    public long getDispatchedPhyOffset() {
        return dispatchService.dispatchedOffset();
    }

    @Override
    public MappedBufferSlice getCommitLogData(long offset) {
        return commitLog.selectToSegmentEnd(offset);
    }

    @Override
    public boolean appendToCommitLog(long startOffset, ByteBuffer data) {
        if (shutdown) {
            return false;
        }
        return commitLog.appendRaw(startOffset, data);
    }

    @Override
    public void truncateTo(long commitLogOffset) {
        dispatchService.whilePaused(() -> commitLog.withAppendsExcluded(() -> {
            long end = Math.min(commitLogOffset, commitLog.maxOffset());
            commitLog.segments().truncateAfter(end);
            for (CommitLogDispatcher dispatcher : dispatchService.dispatchers()) {
                dispatcher.truncateTo(end);
            }
            if (dispatchService.dispatchedOffset() > end) {
                dispatchService.setDispatchedOffset(end);
            }
            QueueOffsetTable table = commitLog.queueOffsets();
            table.clear();
            for (ConsumeQueue queue : consumeQueues.all()) {
                table.set(queue.topic(), queue.queueId(), queue.maxOffsetInQueue());
            }
            LOG.info("truncated the store at CommitLog offset {}", end);
        }));
    }

    // ---- hooks ----------------------------------------------------------------------------------------------

    @Override
    public void addDispatcher(CommitLogDispatcher dispatcher) {
        dispatchService.addDispatcher(dispatcher);
    }

    @Override
    public void addDurabilityStage(DurabilityStage stage) {
        durability.add(stage);
    }

    @Override
    public void addWriteGate(WriteGate gate) {
        writeGates.add(gate);
    }

    // ---- admin ----------------------------------------------------------------------------------------------

    @Override
    public void deleteTopic(String topic) {
        dispatchService.whilePaused(() -> commitLog.withAppendsExcluded(() -> {
            consumeQueues.deleteTopic(topic);
            commitLog.queueOffsets().removeTopic(topic);
        }));
    }

    @Override
    public boolean wasAbnormalShutdown() {
        return abnormalShutdown;
    }

    public StoreConfig config() {
        return config;
    }

    public CommitLog commitLog() {
        return commitLog;
    }

    public ConsumeQueueStore consumeQueues() {
        return consumeQueues;
    }

    public StoreCheckpoint checkpoint() {
        return checkpoint;
    }

    /** The key index, or null when {@code messageIndexEnable} is false. */
    public IndexService indexService() {
        return indexService;
    }

    public RetentionService retention() {
        return retention;
    }

    @Override
    public void shutdown() {
        synchronized (this) {
            if (shutdown) {
                return;
            }
            shutdown = true;
        }
        retention.shutdown();
        housekeeping.shutdownNow();
        // Flush first: with SYNC_FLUSH the dispatcher may only run up to the flushed offset.
        services.forEach(ServiceThread::shutdown);
        dispatchService.shutdown();
        dispatchService.dispatchAvailable();
        if (dispatchService.dispatchedOffset() < commitLog.maxOffset()) {
            LOG.warn("shutdown: records from {} to {} not dispatched (beyond a durability stage's visible offset);"
                    + " they are replayed at the next start", dispatchService.dispatchedOffset(), commitLog.maxOffset());
        }
        if (indexService != null) {
            indexService.shutdown();
            indexFlushExecutor.shutdown();
        }
        consumeQueueFlush.shutdown();
        allocator.shutdown();
        commitLog.close();
        consumeQueues.close();
        try {
            abortMarker.delete();
        } catch (IOException e) {
            LOG.error("cannot delete the abort marker {}", config.abortFile(), e);
        }
        try {
            directoryLock.close();
        } catch (IOException e) {
            LOG.warn("cannot release the store lock: {}", e.toString());
        }
        LOG.info("store {} shut down", config.storePathRootDir());
    }

    /** What retention may trim. */
    private final class StoreRetentionTarget implements RetentionTarget {

        @Override
        public List<Path> watchedDirs() {
            return List.of(config.storePathCommitLog(), config.storePathRootDir());
        }

        @Override
        public MappedFileQueue commitLog() {
            return commitLog.segments();
        }

        @Override
        public long deletableBelowOffset() {
            return Math.min(commitLog.flushedOffset(), dispatchService.dispatchedOffset());
        }

        @Override
        public int deleteConsumeQueueFilesBelow(long commitLogMinOffset) {
            int deleted = 0;
            for (ConsumeQueue queue : consumeQueues.all()) {
                deleted += queue.deleteExpiredFiles(commitLogMinOffset, Integer.MAX_VALUE);
            }
            return deleted;
        }

        @Override
        public int deleteIndexFilesBelow(long commitLogMinOffset) {
            return indexService == null ? 0 : indexService.deleteFilesBelow(commitLogMinOffset);
        }
    }

    /** The segments of the CommitLog, oldest first (diagnostics, retention). */
    public List<MappedFile> commitLogSegments() {
        return commitLog.segments().segments();
    }
}
