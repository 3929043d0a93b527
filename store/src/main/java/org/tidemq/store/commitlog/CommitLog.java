package org.tidemq.store.commitlog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.store.AppendMessageResult;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.PutMessageStatus;
import org.tidemq.store.durability.DurabilityPipeline;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.mappedfile.MappedFile;
import org.tidemq.store.mappedfile.MappedFileQueue;
import org.tidemq.store.mappedfile.MappingLease;
import org.tidemq.common.message.MessageSysFlag;
import org.tidemq.store.message.MessageToStore;
import org.tidemq.store.message.PreparedMessage;
import org.tidemq.store.message.StoredMessageEncoder;
import org.tidemq.common.message.StoredMessageLayout;

/**
 * The append-only log of every message, in {@link StoredMessageLayout}, over a {@link MappedFileQueue}.
 *
 * <p><b>Appends</b> are serialised by one {@link AppendLock}; everything computable outside it (encoding of topic and
 * properties, body CRC, validation) happens before. Inside, the record is written straight into the mapped segment,
 * and physical offset, queue offset and store timestamp are assigned, so offsets and timestamps increase in log
 * order. A record that does not fit the segment's rest is preceded by a blank filler and goes to the next segment.
 * After the lock, the append waits for durability through the {@link DurabilityPipeline} without blocking.
 *
 * <p><b>Visibility.</b> A record (or a whole batch) is published by one volatile write of the segment's write
 * position after it is complete, so {@link #maxOffset()} never covers a partial record.
 *
 * <p>Thread-safe. Truncation ({@link #withAppendsExcluded} + {@link MappedFileQueue#truncateAfter}) must not run
 * concurrently with dispatching (the store pauses it).
 */
public final class CommitLog {

    private static final Logger LOG = LoggerFactory.getLogger(CommitLog.class);

    private final MappedFileQueue segments;
    private final AppendLock lock;
    private final QueueOffsetTable queueOffsets;
    private final DurabilityPipeline durability;
    private final LongSupplier clock;
    private final int maxMessageSize;
    private final long osPageCacheBusyTimeoutMs;
    private final Object flushMonitor = new Object();
    /** When the current lock holder took the lock (0 = free); drives OS_PAGECACHE_BUSY. */
    private volatile long lockedSince;
    /** Set under the append lock by {@link #close()}: no write may touch a segment after it is unmapped. */
    private boolean closed;

    public CommitLog(MappedFileQueue segments, AppendLock lock, QueueOffsetTable queueOffsets,
            DurabilityPipeline durability, LongSupplier clock, int maxMessageSize, long osPageCacheBusyTimeoutMs) {
        this.segments = segments;
        this.lock = lock;
        this.queueOffsets = queueOffsets;
        this.durability = durability;
        this.clock = clock;
        this.maxMessageSize = maxMessageSize;
        this.osPageCacheBusyTimeoutMs = osPageCacheBusyTimeoutMs;
    }

    public MappedFileQueue segments() {
        return segments;
    }


    /** Appends one message; see {@link org.tidemq.store.MessageStore#putMessage}. */
    public PutMessageResult append(MessageToStore message) {
        PreparedMessage prepared = PreparedMessage.prepare(message);
        PutMessageResult invalid = validate(prepared);
        if (invalid != null) {
            return invalid;
        }
        return appendUnderLock(storeTimestamp -> appendLocked(prepared, storeTimestamp), message.waitStoreMsgOk());
    }

    /** The part of an append that holds the lock: writes records stamped with {@code storeTimestamp}. */
    @FunctionalInterface
    private interface LockedAppend {
        AppendMessageResult append(long storeTimestamp) throws IOException;
    }

    /**
     * Runs {@code append} under the append lock (refusing when the lock is busy or the CommitLog closed, answering an
     * I/O failure with UNKNOWN_ERROR), then attaches the durability future of what it wrote.
     */
    private PutMessageResult appendUnderLock(LockedAppend append, boolean waitStoreMsgOk) {
        if (isOsPageCacheBusy()) {
            return PutMessageResult.failed(PutMessageStatus.OS_PAGECACHE_BUSY,
                    "append lock held longer than " + osPageCacheBusyTimeoutMs + " ms");
        }
        AppendMessageResult result;
        lock.lock();
        try {
            if (closed) {
                return PutMessageResult.failed(PutMessageStatus.SERVICE_NOT_AVAILABLE, "CommitLog is closed");
            }
            long now = clock.getAsLong();
            lockedSince = now;
            result = append.append(now);
        } catch (IOException e) {
            LOG.error("append failed", e);
            return PutMessageResult.failed(PutMessageStatus.UNKNOWN_ERROR, "CommitLog I/O error: " + e);
        } finally {
            lockedSince = 0;
            lock.unlock();
        }
        return new PutMessageResult(PutMessageStatus.PUT_OK, null, result,
                durability.awaitDurable(result.endOffset(), waitStoreMsgOk));
    }

    private AppendMessageResult appendLocked(PreparedMessage m, long storeTimestamp) throws IOException {
        int size = m.recordSize();
        MappedFile segment = segmentWithRoomFor(size);
        int position = segment.wrotePosition();
        MessageToStore msg = m.message();
        boolean consumable = MessageSysFlag.isConsumable(msg.sysFlag());
        long queueOffset = consumable ? queueOffsets.next(msg.topic(), msg.queueId()) : 0;
        long physicalOffset = segment.fileFromOffset() + position;
        StoredMessageEncoder.encode(segment.writeBuffer(), position, m, queueOffset, physicalOffset, storeTimestamp);
        segment.commitWrite(position + size, storeTimestamp);
        if (consumable) {
            queueOffsets.advance(msg.topic(), msg.queueId(), 1);
        }
        return AppendMessageResult.single(physicalOffset, size, queueOffset, storeTimestamp);
    }

    /**
     * Appends a batch (same topic and queue) contiguously in one segment with consecutive queue offsets, published
     * at once.
     */
    public PutMessageResult appendBatch(List<MessageToStore> batch) {
        if (batch.isEmpty()) {
            return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL, "empty batch");
        }
        MessageToStore first = batch.get(0);
        PreparedMessage[] prepared = new PreparedMessage[batch.size()];
        long totalSize = 0;
        boolean waitStoreMsgOk = false;
        for (int i = 0; i < prepared.length; i++) {
            MessageToStore m = batch.get(i);
            if (!m.topic().equals(first.topic()) || m.queueId() != first.queueId()) {
                return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL,
                        "batch mixes queues: " + first.topic() + "/" + first.queueId() + " and " + m.topic() + "/"
                                + m.queueId());
            }
            if (!MessageSysFlag.isConsumable(m.sysFlag())) {
                return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL,
                        "batch holds a prepared or rolled-back transactional message");
            }
            prepared[i] = PreparedMessage.prepare(m);
            PutMessageResult invalid = validate(prepared[i]);
            if (invalid != null) {
                return invalid;
            }
            totalSize += prepared[i].recordSize();
            waitStoreMsgOk |= m.waitStoreMsgOk();
        }
        if (totalSize > segments.fileSize() - StoredMessageLayout.BLANK_MIN_SIZE) {
            return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL, "batch of " + totalSize
                    + " bytes exceeds a CommitLog segment (" + segments.fileSize() + " bytes)");
        }
        int batchSize = (int) totalSize;
        return appendUnderLock(storeTimestamp -> appendBatchLocked(prepared, batchSize, storeTimestamp),
                waitStoreMsgOk);
    }

    private AppendMessageResult appendBatchLocked(PreparedMessage[] batch, int totalSize, long storeTimestamp)
            throws IOException {
        MappedFile segment = segmentWithRoomFor(totalSize);
        int start = segment.wrotePosition();
        MessageToStore first = batch[0].message();
        long firstQueueOffset = queueOffsets.next(first.topic(), first.queueId());
        long[] offsets = new long[batch.length];
        int position = start;
        ByteBuffer target = segment.writeBuffer();
        for (int i = 0; i < batch.length; i++) {
            offsets[i] = segment.fileFromOffset() + position;
            StoredMessageEncoder.encode(target, position, batch[i], firstQueueOffset + i, offsets[i], storeTimestamp);
            position += batch[i].recordSize();
        }
        segment.commitWrite(position, storeTimestamp);
        queueOffsets.advance(first.topic(), first.queueId(), batch.length);
        return new AppendMessageResult(offsets[0], totalSize, firstQueueOffset, batch.length, storeTimestamp,
                offsets);
    }

    /** The tail segment if {@code size} plus a final blank fits, else fills the tail with a blank and rolls. */
    private MappedFile segmentWithRoomFor(int size) throws IOException {
        MappedFile segment = segments.lastSegmentForAppend(0);
        int position = segment.wrotePosition();
        int free = segment.fileSize() - position;
        if (size + StoredMessageLayout.BLANK_MIN_SIZE <= free) {
            return segment;
        }
        StoredMessageEncoder.encodeBlank(segment.writeBuffer(), position, free);
        segment.commitWrite(segment.fileSize(), 0);
        return segments.lastSegmentForAppend(segment.fileEndOffset());
    }

    private PutMessageResult validate(PreparedMessage m) {
        MessageToStore msg = m.message();
        if (m.propertiesBytes().length > StoredMessageLayout.MAX_PROPERTIES_BYTES) {
            return PutMessageResult.failed(PutMessageStatus.PROPERTIES_SIZE_EXCEEDED, "properties of "
                    + m.propertiesBytes().length + " bytes exceed " + StoredMessageLayout.MAX_PROPERTIES_BYTES);
        }
        if (m.topicBytes().length == 0 || m.topicBytes().length > StoredMessageLayout.MAX_V2_TOPIC_BYTES) {
            return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL,
                    "topic length " + m.topicBytes().length + " not in 1.." + StoredMessageLayout.MAX_V2_TOPIC_BYTES);
        }
        if (!TopicNames.isValid(msg.topic())) {
            return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL,
                    "topic \"" + msg.topic() + "\" has characters outside [%|a-zA-Z0-9_-]");
        }
        if (msg.queueId() < 0) {
            return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL, "negative queue id " + msg.queueId());
        }
        if (m.recordSize() > maxMessageSize) {
            return PutMessageResult.failed(PutMessageStatus.MESSAGE_ILLEGAL, "message of " + m.recordSize()
                    + " bytes exceeds maxMessageSize " + maxMessageSize);
        }
        return null;
    }

    /** Whether an append has held the lock longer than {@code osPageCacheBusyTimeOutMills}. */
    public boolean isOsPageCacheBusy() {
        long since = lockedSince;
        return since != 0 && clock.getAsLong() - since > osPageCacheBusyTimeoutMs;
    }

    /**
     * Replication (slave): appends raw CommitLog bytes at {@code startOffset}, which must be the current end. An
     * empty log accepts only a segment-aligned start.
     */
    public boolean appendRaw(long startOffset, ByteBuffer data) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            long max = segments.maxOffset();
            boolean empty = segments.lastSegment() == null;
            if (empty ? startOffset % segments.fileSize() != 0 : startOffset != max) {
                LOG.warn("raw append at {} refused: the CommitLog ends at {}{}", startOffset, max,
                        empty ? " (an empty log needs a segment-aligned start)" : "");
                return false;
            }
            ByteBuffer src = data.duplicate();
            while (src.hasRemaining()) {
                MappedFile segment = segments.lastSegmentForAppend(startOffset);
                segment.appendBytes(src);
            }
            return true;
        } catch (IOException e) {
            LOG.error("raw append at {} failed", startOffset, e);
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Remaps every segment through which at least {@code touchedBytesThreshold} bytes were written or read since it
     * was last mapped (see {@link MappedFile#remap()}), so the pages this process has touched stop counting in its
     * resident set; the data stays in the page cache. Swaps mappings under the append lock (the writer uses the
     * current mapping without a reference) and unmaps the retired ones after it.
     *
     * @return segments remapped
     */
    public int trimResidentPages(long touchedBytesThreshold) {
        List<MappingLease> retired = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return 0;
            }
            for (MappedFile segment : segments.segments()) {
                if (segment.touchedBytesSinceRemap() >= touchedBytesThreshold) {
                    MappingLease old = segment.remap();
                    if (old != null) {
                        retired.add(old);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot remap a CommitLog segment (its pages stay resident until the next try): {}",
                    e.toString());
        } finally {
            lock.unlock();
        }
        retired.forEach(MappingLease::close);
        return retired.size();
    }

    /** Runs {@code action} with appends excluded (e.g. restoring queue offsets). */
    public void withAppendsExcluded(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    public QueueOffsetTable queueOffsets() {
        return queueOffsets;
    }

    /**
     * Forces written data when at least {@code leastPages} pages are dirty (0 = all). Flushes are serialised.
     *
     * @return the flushed offset afterwards
     */
    public long flush(int leastPages) {
        synchronized (flushMonitor) {
            return segments.flush(leastPages);
        }
    }

    public long flushedOffset() {
        return segments.flushedOffset();
    }

    /** Offset just past the last complete record (or raw byte, on a slave). */
    public long maxOffset() {
        return segments.maxOffset();
    }

    public long minOffset() {
        return segments.minOffset();
    }

    /** Store timestamp of the newest record (0 if none); read before a flush it is covered by that flush. */
    public long lastStoreTimestamp() {
        MappedFile last = segments.lastSegment();
        return last == null ? 0 : last.storeTimestamp();
    }

    /** A view of {@code size} bytes at {@code offset} (within one segment), or null; release it. */
    public MappedBufferSlice select(long offset, int size) {
        MappedFile segment = segments.findSegment(offset);
        return segment == null ? null : segment.selectSlice((int) (offset - segment.fileFromOffset()), size);
    }

    /** A view from {@code offset} to the written end of its segment, or null; release it. */
    public MappedBufferSlice selectToSegmentEnd(long offset) {
        MappedFile segment = segments.findSegment(offset);
        return segment == null ? null : segment.selectSlice((int) (offset - segment.fileFromOffset()));
    }

    /** The start of the segment after the one holding {@code offset}. */
    public long nextSegmentStart(long offset) {
        return offset + segments.fileSize() - offset % segments.fileSize();
    }

    /** The complete record at {@code offset} (view + reference), or null if no valid record is visible there. */
    public MappedBufferSlice selectRecord(long offset) {
        MappedBufferSlice header = select(offset, StoredMessageLayout.BLANK_MIN_SIZE);
        if (header == null) {
            return null;
        }
        int size;
        int magic;
        try {
            size = header.buffer().getInt(StoredMessageLayout.TOTAL_SIZE);
            magic = header.buffer().getInt(StoredMessageLayout.MAGIC);
        } finally {
            header.release();
        }
        if (!StoredMessageLayout.isMessageMagic(magic) || size < StoredMessageLayout.minRecordSize()) {
            return null;
        }
        return select(offset, size);
    }

    /** Store timestamp of the record at {@code offset}, or -1 if it is not readable. */
    public long storeTimestampAt(long offset) {
        MappedBufferSlice header = select(offset, StoredMessageLayout.BORN_HOST);
        if (header == null) {
            return -1;
        }
        try {
            int sysFlag = header.buffer().getInt(StoredMessageLayout.SYS_FLAG);
            MappedBufferSlice ts = select(offset + StoredMessageLayout.storeTimestamp(sysFlag), Long.BYTES);
            if (ts == null) {
                return -1;
            }
            try {
                return ts.buffer().getLong(0);
            } finally {
                ts.release();
            }
        } finally {
            header.release();
        }
    }

    /** Refuses further appends, waiting for the one in progress, then unmaps the segments (flush first). */
    public void close() {
        lock.lock();
        try {
            closed = true;
            segments.close();
        } finally {
            lock.unlock();
        }
    }
}
