package org.tidemq.store.consumequeue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.mappedfile.MappedFile;
import org.tidemq.store.mappedfile.MappedFileQueue;
import org.tidemq.store.mappedfile.MappedFileAllocator;

/**
 * The index of one topic queue: entry {@code n} ({@link ConsumeQueueEntry}) locates the message with queue offset
 * {@code n} in the CommitLog. Files of {@code mappedFileSizeConsumeQueue} bytes in
 * {@code consumequeue/<topic>/<queueId>/}, named by their start byte offset.
 *
 * <p><b>Threads.</b> Entries are written only by the dispatch thread ({@link #putEntry}); any thread reads. An
 * entry is published after it is complete (segment write position), so readers never see half an entry.
 * {@link #recover}, {@link #truncateTo} run with dispatching paused; {@link #deleteExpiredFiles} and
 * {@link #correctMinOffset} may run on a retention thread concurrently with reads and the dispatcher.
 */
public final class ConsumeQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumeQueue.class);
    private static final int RECOVER_LAST_FILES = 3;
    private static final int ENTRY = ConsumeQueueEntry.ENTRY_SIZE;

    private final String topic;
    private final int queueId;
    private final MappedFileQueue files;
    /** CommitLog end of the newest entry: records below it are already indexed (replays are skipped). */
    private volatile long maxPhysicOffset = -1;
    /** Byte offset of the first readable entry. */
    private volatile long minLogicOffset;

    public ConsumeQueue(String topic, int queueId, Path dir, int fileSize) {
        this.topic = topic;
        this.queueId = queueId;
        this.files = new MappedFileQueue(dir, fileSize, MappedFileAllocator.DIRECT);
    }

    public String topic() {
        return topic;
    }

    public int queueId() {
        return queueId;
    }

    public MappedFileQueue files() {
        return files;
    }

    public void load() throws IOException {
        files.load();
        minLogicOffset = files.minOffset();
    }

    /**
     * Finds the last written entry in the newest files, cuts everything after it and restores
     * {@link #maxPhysicOffset()}.
     *
     * @param abnormal after a crash pages may have reached the disk out of order, so the rest of the last file is
     *                 zeroed: a stale entry must never line up with later ones
     */
    public void recover(boolean abnormal) {
        List<MappedFile> segments = files.segments();
        if (segments.isEmpty()) {
            return;
        }
        long end = segments.get(0).fileFromOffset();
        for (int i = Math.max(0, segments.size() - RECOVER_LAST_FILES); i < segments.size(); i++) {
            MappedFile segment = segments.get(i);
            ByteBuffer buf = segment.writeBuffer();
            int position = 0;
            while (position + ENTRY <= segment.fileSize() && ConsumeQueueEntry.isWritten(buf, position)) {
                if (!ConsumeQueueEntry.isFiller(buf, position)) {
                    maxPhysicOffset = ConsumeQueueEntry.commitLogOffset(buf, position)
                            + ConsumeQueueEntry.size(buf, position);
                }
                position += ENTRY;
            }
            end = segment.fileFromOffset() + position;
            if (position + ENTRY <= segment.fileSize()) {
                break;
            }
        }
        files.truncateAfter(end, abnormal);
        files.setFlushedOffset(end);
        if (minLogicOffset > end) {
            minLogicOffset = end;
        }
    }

    /**
     * Writes the entry for {@code queueOffset} (dispatch thread). A record below {@link #maxPhysicOffset()} was
     * indexed before (recovery replay) and is skipped. A queue that starts past 0, or a gap, gets filler entries up
     * to the offset.
     */
    public void putEntry(long commitLogOffset, int size, long tagsCode, long storeTimestamp, long queueOffset)
            throws IOException {
        if (commitLogOffset < maxPhysicOffset) {
            return;
        }
        long position = ConsumeQueueEntry.byteOffset(queueOffset);
        boolean wasEmpty = files.lastSegment() == null;
        MappedFile segment = files.lastSegmentForAppend(position);
        if (wasEmpty) {
            minLogicOffset = position;
        }
        long current = segment.fileFromOffset() + segment.wrotePosition();
        if (position < current) {
            LOG.warn("{}/{}: entry for queue offset {} (CommitLog {}) already written; skipped", topic, queueId,
                    queueOffset, commitLogOffset);
            return;
        }
        if (position > current && !wasEmpty) {
            LOG.warn("{}/{}: queue offsets {}..{} missing; filled", topic, queueId,
                    ConsumeQueueEntry.queueOffset(current), queueOffset - 1);
        }
        while (current < position) {
            segment = files.lastSegmentForAppend(current);
            int at = segment.wrotePosition();
            ConsumeQueueEntry.write(segment.writeBuffer(), at, 0, ConsumeQueueEntry.FILLER_SIZE, 0);
            segment.commitWrite(at + ENTRY, 0);
            current += ENTRY;
        }
        segment = files.lastSegmentForAppend(position);
        int at = segment.wrotePosition();
        ConsumeQueueEntry.write(segment.writeBuffer(), at, commitLogOffset, size, tagsCode);
        segment.commitWrite(at + ENTRY, storeTimestamp);
        maxPhysicOffset = commitLogOffset + size;
    }

    /** Entries from {@code queueOffset} to the end of its file (view; release it), or null. */
    public MappedBufferSlice selectEntries(long queueOffset) {
        long position = ConsumeQueueEntry.byteOffset(queueOffset);
        if (position < minLogicOffset) {
            return null;
        }
        MappedFile segment = files.findSegment(position);
        return segment == null ? null : segment.selectSlice((int) (position - segment.fileFromOffset()));
    }

    /** The CommitLog offset of entry {@code queueOffset}, or -1 if absent or a filler. */
    public long commitLogOffsetAt(long queueOffset) {
        long position = ConsumeQueueEntry.byteOffset(queueOffset);
        MappedFile segment = files.findSegment(position);
        if (segment == null || position < minLogicOffset) {
            return -1;
        }
        MappedBufferSlice entry = segment.selectSlice((int) (position - segment.fileFromOffset()), ENTRY);
        if (entry == null) {
            return -1;
        }
        try {
            return ConsumeQueueEntry.isFiller(entry.buffer(), 0) ? -1
                    : ConsumeQueueEntry.commitLogOffset(entry.buffer(), 0);
        } finally {
            entry.release();
        }
    }

    /** First readable queue offset. */
    public long minOffsetInQueue() {
        return ConsumeQueueEntry.queueOffset(minLogicOffset);
    }

    /** Queue offset just past the newest entry. */
    public long maxOffsetInQueue() {
        return ConsumeQueueEntry.queueOffset(files.maxOffset());
    }

    /** CommitLog end of the newest entry, -1 if none. */
    public long maxPhysicOffset() {
        return maxPhysicOffset;
    }

    /** Queue offset of the first entry of the file after the one holding {@code queueOffset}. */
    public long nextFileStartOffset(long queueOffset) {
        int entriesPerFile = files.fileSize() / ENTRY;
        return queueOffset + entriesPerFile - queueOffset % entriesPerFile;
    }

    /**
     * Drops entries pointing at or past {@code commitLogEnd} (the CommitLog was cut there). Dispatching paused.
     */
    public void truncateTo(long commitLogEnd) {
        while (true) {
            MappedFile last = files.lastSegment();
            if (last == null) {
                maxPhysicOffset = -1;
                return;
            }
            ByteBuffer buf = last.writeBuffer();
            int position = last.wrotePosition();
            while (position >= ENTRY) {
                int at = position - ENTRY;
                if (!ConsumeQueueEntry.isFiller(buf, at)
                        && ConsumeQueueEntry.commitLogOffset(buf, at) + ConsumeQueueEntry.size(buf, at) > commitLogEnd) {
                    position = at;
                } else {
                    break;
                }
            }
            long end = last.fileFromOffset() + position;
            boolean segmentEmptied = position == 0 && files.segmentCount() > 1;
            if (position < last.wrotePosition()) {
                files.truncateAfter(end);
            }
            if (!segmentEmptied) {
                maxPhysicOffset = lastRealEntryEnd();
                if (minLogicOffset > files.maxOffset()) {
                    minLogicOffset = files.maxOffset();
                }
                return;
            }
        }
    }

    private long lastRealEntryEnd() {
        for (int s = files.segmentCount() - 1; s >= 0; s--) {
            MappedFile segment = files.segments().get(s);
            ByteBuffer buf = segment.writeBuffer();
            for (int at = segment.wrotePosition() - ENTRY; at >= 0; at -= ENTRY) {
                if (!ConsumeQueueEntry.isFiller(buf, at)) {
                    return ConsumeQueueEntry.commitLogOffset(buf, at) + ConsumeQueueEntry.size(buf, at);
                }
            }
        }
        return -1;
    }

    /**
     * Moves the min offset to the first entry whose message is still in the CommitLog (its start offset at or
     * above {@code commitLogMinOffset}); entries below can no longer be read.
     */
    public void correctMinOffset(long commitLogMinOffset) {
        for (MappedFile segment : files.segments()) {
            if (!segment.hold()) {
                continue;
            }
            try {
                int entries = segment.wrotePosition() / ENTRY;
                ByteBuffer buf = segment.writeBuffer();
                int low = 0;
                int high = entries;
                while (low < high) {
                    int mid = (low + high) >>> 1;
                    if (entryStart(buf, mid * ENTRY) < commitLogMinOffset) {
                        low = mid + 1;
                    } else {
                        high = mid;
                    }
                }
                if (low < entries) {
                    long candidate = segment.fileFromOffset() + (long) low * ENTRY;
                    if (candidate > minLogicOffset) {
                        minLogicOffset = candidate;
                    }
                    return;
                }
            } finally {
                segment.release();
            }
        }
        minLogicOffset = Math.max(minLogicOffset, files.maxOffset());
    }

    /** Fillers sort before every real entry. */
    private static long entryStart(ByteBuffer buf, int at) {
        return ConsumeQueueEntry.isFiller(buf, at) ? -1 : ConsumeQueueEntry.commitLogOffset(buf, at);
    }

    /**
     * Retention: deletes leading files whose newest entry points below {@code commitLogMinOffset} (never the last
     * file), then corrects the min offset.
     *
     * @return files deleted
     */
    public int deleteExpiredFiles(long commitLogMinOffset, int maxFiles) {
        int deleted = files.deleteSegmentsWhile(segment -> {
            int wrote = segment.wrotePosition();
            return wrote >= ENTRY && entryStart(segment.writeBuffer(), wrote - ENTRY) < commitLogMinOffset;
        }, maxFiles);
        correctMinOffset(commitLogMinOffset);
        return deleted;
    }

    /** Forces entries when at least {@code leastPages} pages are dirty (0 = all). Flush thread. */
    public void flush(int leastPages) {
        files.flush(leastPages);
    }

    public void close() {
        files.close();
    }

    public void destroy() {
        files.destroy();
        maxPhysicOffset = -1;
        minLogicOffset = 0;
    }

    @Override
    public String toString() {
        return "ConsumeQueue[" + topic + "/" + queueId + ", min=" + minOffsetInQueue() + ", max=" + maxOffsetInQueue()
                + "]";
    }
}
