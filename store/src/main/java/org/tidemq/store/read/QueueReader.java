package org.tidemq.store.read;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.tidemq.store.GetMessageResult;
import org.tidemq.store.GetMessageStatus;
import org.tidemq.store.MessageFilter;
import org.tidemq.store.commitlog.CommitLog;
import org.tidemq.store.consumequeue.ConsumeQueue;
import org.tidemq.store.consumequeue.ConsumeQueueEntry;
import org.tidemq.store.consumequeue.ConsumeQueueStore;
import org.tidemq.store.mappedfile.MappedBufferSlice;

/**
 * Reads messages by queue and offset: ConsumeQueue entries → zero-copy CommitLog slices. Thread-safe, lock-free,
 * allocation limited to the result and one view per message.
 */
public final class QueueReader {

    /** Entries examined per read at least (RocketMQ: 16,000 bytes of ConsumeQueue = 800 entries). */
    private static final int MIN_ENTRIES_SCANNED = 800;

    private final CommitLog commitLog;
    private final ConsumeQueueStore queues;

    public QueueReader(CommitLog commitLog, ConsumeQueueStore queues) {
        this.commitLog = commitLog;
        this.queues = queues;
    }

    /** See {@link org.tidemq.store.MessageStore#getMessage}. */
    public GetMessageResult getMessage(String topic, int queueId, long offset, int maxMsgNums, int maxTotalBytes,
            MessageFilter filter) {
        ConsumeQueue queue = queues.find(topic, queueId);
        if (queue == null) {
            return GetMessageResult.empty(GetMessageStatus.NO_MATCHED_LOGIC_QUEUE, 0, 0, 0);
        }
        long min = queue.minOffsetInQueue();
        long max = queue.maxOffsetInQueue();
        if (max == 0) {
            return GetMessageResult.empty(GetMessageStatus.NO_MESSAGE_IN_QUEUE, 0, min, max);
        }
        if (offset < min) {
            return GetMessageResult.empty(GetMessageStatus.OFFSET_TOO_SMALL, min, min, max);
        }
        if (offset == max) {
            return GetMessageResult.empty(GetMessageStatus.OFFSET_OVERFLOW_ONE, offset, min, max);
        }
        if (offset > max) {
            return GetMessageResult.empty(GetMessageStatus.OFFSET_OVERFLOW_BADLY, min == 0 ? min : max, min, max);
        }
        MappedBufferSlice entries = queue.selectEntries(offset);
        if (entries == null) {
            return GetMessageResult.empty(GetMessageStatus.OFFSET_FOUND_NULL, queue.nextFileStartOffset(offset), min,
                    max);
        }
        try {
            return readEntries(entries.buffer(), offset, min, max, Math.max(1, maxMsgNums), maxTotalBytes, filter);
        } finally {
            entries.release();
        }
    }

    private GetMessageResult readEntries(ByteBuffer entries, long offset, long min, long max, int maxMsgNums,
            int maxTotalBytes, MessageFilter filter) {
        int available = entries.limit() / ConsumeQueueEntry.ENTRY_SIZE;
        int scanLimit = Math.min(available, Math.max(MIN_ENTRIES_SCANNED, maxMsgNums));
        List<MappedBufferSlice> found = new ArrayList<>(Math.min(maxMsgNums, 32));
        long[] queueOffsets = new long[Math.min(maxMsgNums, scanLimit)];
        long totalBytes = 0;
        boolean removed = false;
        int scanned = 0;
        while (scanned < scanLimit && found.size() < maxMsgNums) {
            int at = scanned * ConsumeQueueEntry.ENTRY_SIZE;
            long physicalOffset = ConsumeQueueEntry.commitLogOffset(entries, at);
            int size = ConsumeQueueEntry.size(entries, at);
            if (ConsumeQueueEntry.isFiller(entries, at)) {
                scanned++;
                continue;
            }
            if (!found.isEmpty() && totalBytes + size > maxTotalBytes) {
                break;
            }
            scanned++;
            if (!filter.isMatchedByTagsCode(ConsumeQueueEntry.tagsCode(entries, at))) {
                continue;
            }
            MappedBufferSlice record = commitLog.select(physicalOffset, size);
            if (record == null) {
                removed = true;
                continue;
            }
            if (!filter.isMatchedByRecord(record.buffer())) {
                record.release();
                continue;
            }
            queueOffsets[found.size()] = offset + scanned - 1;
            found.add(record);
            totalBytes += size;
        }
        GetMessageStatus status = !found.isEmpty() ? GetMessageStatus.FOUND
                : removed ? GetMessageStatus.MESSAGE_WAS_REMOVING : GetMessageStatus.NO_MATCHED_MESSAGE;
        return new GetMessageResult(status, offset + scanned, min, max, found, queueOffsets);
    }

    /**
     * First queue offset whose message was stored at or after {@code timestampMs} (binary search over store
     * timestamps); max if none, min if all are later.
     */
    public long offsetByTime(String topic, int queueId, long timestampMs) {
        ConsumeQueue queue = queues.find(topic, queueId);
        if (queue == null) {
            return 0;
        }
        long low = queue.minOffsetInQueue();
        long high = queue.maxOffsetInQueue();
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (storeTimestamp(queue, mid) < timestampMs) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Store time of the message at a queue offset; -1 (sorts first) if unreadable. */
    public long storeTimestamp(ConsumeQueue queue, long queueOffset) {
        long physicalOffset = queue.commitLogOffsetAt(queueOffset);
        return physicalOffset < 0 ? -1 : commitLog.storeTimestampAt(physicalOffset);
    }
}
